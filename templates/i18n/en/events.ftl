# What happened, in words: notifications, the history of candidates and missions, and the step
# just taken said to the person who took it.

## Notifications

notifications-title = Notifications
notifications-unread = { $count ->
    [0] Nothing new.
    [one] One new notification.
   *[other] { $count } new notifications.
}
notifications-none = No notification yet.
notifications-new = New
notifications-mark-all = Mark all as read
notifications-marked-read = Marked as read.
notifications-delivery = How you are told
notifications-delivery-question = Besides this page, do you want an email for each notification?
notifications-delivery-email = Yes: here and by email
notifications-delivery-in-app = No: here only
notifications-delivery-save = Save
notifications-settings-saved = Your choice has been saved.
notification-invitation = You are invited to a mission: “{ $title }”. Please answer by { $detail }.
notification-invitation_reminder = Reminder: please answer the invitation “{ $title }” by { $detail }.
notification-invitation_expired = The invitation “{ $title }” expired without an answer ({ $detail }).
notification-candidate_accepted = { $detail } accepted the invitation “{ $title }”.
notification-candidate_declined = { $detail } declined the invitation “{ $title }”.
notification-candidate_proposed = A candidate is proposed for “{ $title }”: { $detail }. Please approve or decline.
notification-host_approved = The host approved { $detail } for “{ $title }”.
notification-host_declined = The host declined { $detail } for “{ $title }”.
notification-selected = { $detail } is selected for “{ $title }”: the mission is planned.
notification-withdrawn = { $detail } is no longer a candidate for “{ $title }”.
notification-consent_withdrawn = { $detail } no longer shares their profile for “{ $title }”.
notification-mission_status = The mission “{ $title }” is now “{ $detail }”.
notification-report_due = The mission “{ $title }” is completed: your report is due by { $detail }.
notification-report_reminder = Reminder: your report on “{ $title }” is due by { $detail }.
notification-report_overdue = The report on “{ $title }” was due on { $detail }.
notification-evaluation_requested = The expert's report on “{ $title }” is in: please evaluate the mission.
notification-evaluation_reminder = Reminder: please evaluate the mission “{ $title }”.
notification-evaluation_filed = The host evaluated the mission “{ $title }”.
notification-extension_requested = An extension of “{ $title }” until { $detail } is asked for.
notification-extension_decided = The extension of “{ $title }” was { $detail }.
notification-call = Call for experts: “{ $title }”. Please answer by { $detail }.
notification-call_answered = { $detail } is interested in the call “{ $title }”.
email-notification-subject = [Passerelle] { $text }
email-notification-body = { $text }
email-notification-settings = You receive these emails because you chose them on your notifications page; you can choose to be told on the site only.

## History of candidates and missions

history-candidate-shortlist = Shortlisted
history-candidate-invite = Invited
history-candidate-accept = Accepted the invitation
history-candidate-decline = Declined the invitation
history-candidate-expire = The invitation expired
history-candidate-propose = Proposed to the host
history-candidate-host_approve = Approved by the host
history-candidate-host_decline = Declined by the host
history-candidate-select = Selected
history-candidate-withdraw = Withdrawn
history-consent-share = Profile shared with the host
history-consent-withdraw = Profile no longer shared
history-mission-create = Mission planned
history-mission-approve = Signed off
history-mission-prepare = Preparation started
history-mission-start = Started
history-mission-complete = Ended
history-mission-report = Report filed
history-mission-report_file = Report written
history-mission-evaluate = Evaluated
history-mission-evaluation_file = Evaluation written
history-mission-close = Closed
history-mission-cancel = Cancelled
history-mission-checklist = Checklist item changed
history-mission-schedule = Days and phases changed
history-mission-extension_request = Extension asked for
history-mission-extension_approve = Extension approved
history-mission-extension_refuse = Extension refused
history-checklist = { $item }: { $state }
history-early = ended early
history-from-match = from the ranked matches
history-from-search = from the roster search
history-from-call = from a call for experts
history-until = until { $date }

## A step taken, said to the person who took it
invitation-done = { $status ->
    [accepted] You accepted the invitation: the host can now see your profile for this request.
    [declined] You declined the invitation. Thank you for answering.
    [withdrawn] You withdrew from this mission.
   *[other] Your answer is saved.
}
candidate-done = { $status ->
    [shortlisted] { $name } is on the shortlist.
    [invited] { $name } is invited.
    [proposed] { $name } is proposed to the host.
    [host_approved] You approved { $name } for this request.
    [host_declined] You declined { $name } for this request.
    [selected] { $name } is selected.
    [withdrawn] { $name } is withdrawn from this request.
   *[other] The candidacy of { $name } is saved.
}
mission-now-planned = The mission “{ $title }” is planned.
mission-now-approved = The mission “{ $title }” is signed off.
mission-now-preparing = The preparation of the mission “{ $title }” has started.
mission-now-in_progress = The mission “{ $title }” has started.
mission-now-completed = The mission “{ $title }” has ended.
mission-now-reported = The report on the mission “{ $title }” is filed.
mission-now-evaluated = The mission “{ $title }” is evaluated.
mission-now-closed = The mission “{ $title }” is closed.
mission-now-cancelled = The mission “{ $title }” is cancelled.
mission-start-early = The start you typed, { $day }, is { $days ->
    [one] one day
   *[other] { $days } days
} before the planned first day ({ $planned }).
mission-start-late = The start you typed, { $day }, is { $days ->
    [one] one day
   *[other] { $days } days
} after the planned first day ({ $planned }).
mission-start-confirm = Yes, the mission started on that day
mission-start-confirm-needed = Please check the start day: tick the box below if it is right, or correct it.
