"""The one exception type for errors a user can cause (bad file, unknown format, empty text)."""

from __future__ import annotations


class DiscourseError(ValueError):
    """A problem with the user's input, with a message a person can act on.

    Its message is written for the user, to be shown as it is (the command line prints it and exits 2).
    Anything else that escapes is a bug in the project.
    """
