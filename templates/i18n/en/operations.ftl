# Programme operations: requests entered on an institution's behalf, the home page of each
# role, notifications about requests and institutions, time zones, joining as an expert.

## Requests entered on an institution's behalf
request-on-behalf-legend = For which institution
request-on-behalf-hint = You enter this request on the institution's behalf (a request that came by email or on paper). Its members see it at once and can take it over.
request-on-behalf-note = Entered on behalf of { $institution } by { $name }
request-taken-over-note = Taken over by { $name }, { $moment }.
request-take-over = Take this request over
request-take-over-hint = A coordinator wrote this request for your institution. Take it over to make it your own: you then submit it yourselves.
request-taken-over = The request is now your institution's own.
request-not-held = This request was not entered on your behalf, or it was taken over already.
request-history-create_on_behalf = Entered on the institution's behalf
request-history-take_over = Taken over by the institution

## Notifications
notification-request_on_behalf = { $detail } entered the request “{ $title }” on your institution's behalf. You can take it over.
notification-request_changes_requested = The request “{ $title }” needs changes: { $detail }
notification-request_approved = The request “{ $title }” is approved: coordinators now look for experts.
notification-request_cancelled = The request “{ $title }” was cancelled: { $detail }
notification-institution_verified = Your institution “{ $title }” is verified: its requests can now be approved.
notification-institution_rejected = The verification of your institution “{ $title }” was refused. Please contact the programme's coordinators.
notification-checklist_due = The mission “{ $title }” starts on { $detail } and its logistics checklist is not complete.

## The home of each role: what waits
nav-todo = To do
todo-title = What waits for you
todo-lead = Hello { $name }, here is what waits for you today.
todo-nothing = Nothing waits for you: all is done.
todo-see-all = See all { $count }
todo-near-misses = { $count ->
    [0] nobody found
    [one] one candidate, none meeting every must-have
   *[other] { $count } candidates, none meeting every must-have
}
todo-profile-confirm = Confirm that your profile is still up to date
todo-invitations-to-answer = { $count ->
    [one] One invitation to answer
   *[other] { $count } invitations to answer
}
todo-calls-to-answer = { $count ->
    [one] One call for experts to answer
   *[other] { $count } calls for experts to answer
}
todo-reports-due = { $count ->
    [one] One mission report due
   *[other] { $count } mission reports due
}
todo-profile-missing = { $count ->
    [one] Your profile lacks one thing
   *[other] Your profile lacks { $count } things
}
todo-profile-stale = Your profile needs a check
todo-requests-needing-changes = { $count ->
    [one] One request sent back for changes
   *[other] { $count } requests sent back for changes
}
todo-requests-to-take-over = { $count ->
    [one] One request a coordinator entered for you
   *[other] { $count } requests coordinators entered for you
}
todo-candidates-to-approve = { $count ->
    [one] One candidate to approve
   *[other] { $count } candidates to approve
}
todo-missions-to-evaluate = { $count ->
    [one] One mission to evaluate
   *[other] { $count } missions to evaluate
}
todo-review-queue = { $count ->
    [one] One request to review
   *[other] { $count } requests to review
}
todo-requests-without-full-match = { $count ->
    [one] One approved request without a full match
   *[other] { $count } approved requests without a full match
}
todo-invitations-expiring = { $count ->
    [one] One invitation about to expire
   *[other] { $count } invitations about to expire
}
todo-checklists-due = { $count ->
    [one] One mission starting soon with its checklist not done
   *[other] { $count } missions starting soon with their checklist not done
}
todo-missions-to-close = { $count ->
    [one] One mission to close
   *[other] { $count } missions to close
}
todo-accounts-pending = { $count ->
    [one] One person waiting to join an institution
   *[other] { $count } people waiting to join an institution
}
todo-institutions-to-verify = { $count ->
    [one] One institution to verify
   *[other] { $count } institutions to verify
}

## Time zone
field-time-zone = Time zone
field-time-zone-hint = Times are shown, and reminders sent at 08:00, on this clock. Now: { $zone }.
field-time-zone-auto = From my country (my institution's, or where I live)
fe-request-institution_unknown = Choose an institution from the list.

## Joining: experts whose profile came without an account
join-title = Join Passerelle
join-lead = A programme coordinator listed your profile on Passerelle. Create your account to see it, keep it up to date and answer mission requests.
join-email-hint = The address this invitation was sent to: your account uses it.
join-submit = Create my account
join-invalid = This link does not work: it was used already, it expired, or the profile has an account now. Sign in, or ask the programme's coordinators for a new invitation.
join-account-exists = An account with this email exists already. Sign in: you will be offered to claim your profile.
join-consent-legend = Consent to be listed and matched
join-consent-agree = I agree to the text above.
join-consent-hint = Without your consent your profile stays on Passerelle but is not offered for missions; you can give or withdraw it at any time on your consent page.
join-email-invite-subject = Join Passerelle: your profile is waiting for you
join-email-invite-body = A programme coordinator listed your profile on Passerelle, the platform that matches diaspora experts with missions in institutions of their countries of origin. Create your account to see your profile, keep it up to date and answer mission requests:
join-email-candidate-subject = An invitation to a mission: “{ $title }”
join-email-candidate-body = You are invited to a mission: “{ $title }”. Please answer by { $date }. Create your account on Passerelle to read the terms of reference and answer:
join-email-call-subject = Call for experts: “{ $title }”
join-email-call-body = A call for experts was sent to you: “{ $title }”, to answer by { $date }. Create your account on Passerelle to read it and answer:
join-email-expiry = This link works once, for { $days } days. If you did not expect this email, you can ignore it: nothing happens without you.
claim-title = Claim your profile
claim-lead = A profile on Passerelle carries your email address (from a mapping survey or a list you took part in). Take it: it becomes your profile, with what it holds.
claim-which = The profile
claim-submit = Take this profile
claim-none = No profile without an account carries your email address.
claim-unverified = Verify your email address first (see the email we sent you): then you can claim your profile.
claim-done = The profile is yours now. Check it and complete it.
claim-go = Claim my profile
verify-claim = A profile on Passerelle already carries this address: you can claim it instead of starting a new one.
signup-claim-hint = A profile on Passerelle already carries this address: once you have verified it, you will be offered to claim it.
todo-profile-to-claim = A profile carrying your email is waiting to be claimed
join-bulk-title = Invite these experts to join
join-bulk-hint = Sends an invitation to join (a single-use link, valid 14 days) to each expert of this list whose profile has an email address and no account. Those invited already are not invited twice.
join-bulk-submit = Invite those without an account
join-bulk-queued = { $count ->
    [0] No invitation to join was sent.
    [one] One invitation to join is on its way.
   *[other] { $count } invitations to join are on their way.
}
join-bulk-skipped = Left out: { $accounts } with an account already, { $already } invited already.
join-bulk-no-email = { $count ->
    [0] Every profile of the list has an email address.
    [one] One profile has no email address to write to.
   *[other] { $count } profiles have no email address to write to.
}
join-bulk-back = Back to the roster

# Text search on the lists of missions (issue 13 item 7).
missions-search = Request, institution or expert
