"""The meetings app's models, one module per aggregate:

- `meetings`: meetings and their agendas. Meeting names ("Seventh Meeting of States Parties",
  "缔约国第七次会议") and symbol prefixes are built from the data, never typed: by the
  patterns each convention keeps for each kind of meeting (MeetingPattern), or generic ones.
- `committees`: committees, their members and meetings, and the ISU's recorded missions and
  workshops, which work plans count against their targets.
- `documents`: official documents with their symbols ("CCM/MSP/2017/4/Corr.1"), narrative
  bodies (masthead notes, blocks, footnotes) and stored PDFs.
"""

from meetings.models.committees import (
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    IsuActivity,
    Organization,
)
from meetings.models.documents import (
    DOCUMENT,
    UN_LANGUAGES,
    Block,
    Document,
    Footnote,
    MastheadNote,
    Rendition,
    table_rows,
    validate_languages,
    why_issued,
)
from meetings.models.meetings import AgendaItem, Meeting, MeetingPattern

__all__ = [
    "DOCUMENT", "UN_LANGUAGES", "AgendaItem", "Block", "Committee", "CommitteeMeeting",
    "CommitteeMembership", "Document", "Footnote", "IsuActivity", "MastheadNote", "Meeting",
    "MeetingPattern", "Organization", "Rendition", "table_rows", "validate_languages", "why_issued",
]
