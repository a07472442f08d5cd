"""Meetings, committees, agendas and official documents."""
