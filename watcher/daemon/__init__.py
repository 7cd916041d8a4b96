"""The long-running service around the poll: the scheduler's tick and graceful
stop (``scheduler``), the HTTP status endpoints and metrics (``service``), what
healthy means (``health``) and how it logs (``logs``)."""
