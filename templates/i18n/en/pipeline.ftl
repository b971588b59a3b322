# The mission pipeline: candidates, missions, reports, evaluations, notifications, calls, dashboards.

request-history-reopen = Reopened: a mission was cancelled
