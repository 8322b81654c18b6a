"""The one exception type for errors a user can cause (bad file, unknown format, empty text)."""

from __future__ import annotations


class DiscourseError(ValueError):
    """A problem with the user's input, with a message a person can act on.

    The CLI prints the message to stderr and exits 2; the dashboard shows it with ``st.error``.
    Anything else that escapes is a bug in the project.
    """
