"""The sponsorship programmes of the conventions."""
