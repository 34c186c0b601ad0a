"""Logging filters named in ``settings.LOGGING``."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """A 403 is a person reaching a page they may not use, not a fault: Django logs it with the
    PermissionDenied's traceback, which buries real errors. Keep the line, drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
