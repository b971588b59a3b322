## Navigation
nav-account = My account
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
nav-admin-users = Users
nav-admin-audit = Audit log
nav-my-institution = My institution
nav-signed-in-as = Signed in as { $name }

## Roles
role-expert = Diaspora expert
role-institution = Host institution member
role-coordinator = Coordinator
role-admin = Administrator

## Institution kinds
institution-kind-ministry = Ministry or public agency
institution-kind-hospital = Hospital or health centre
institution-kind-university = University
institution-kind-tvet_college = TVET or polytechnic college
institution-kind-school = School
institution-kind-municipality = Municipality
institution-kind-ngo = NGO or association
institution-kind-company = Private company
institution-kind-other = Other

## Forms in general
form-errors-title = Please correct the following:
form-required = required
form-save = Save
form-optional = optional
field-email = Email address
field-password = Password
field-password-hint = At least 12 characters. A passphrase of several words is easy to remember and hard to guess.
field-name = Full name
field-language = Language of the interface and emails
field-country = Country
field-city = City
choose = Choose…

## Field errors (by code)
fe-required = This field is required.
fe-too_long = This is too long (at most { $max } characters).
fe-text-control = This holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
fe-too_short = This is too short.
fe-email-missing = An email address is required.
fe-email-invalid = This is not a valid email address.
fe-password-too_short = The password must have at least 12 characters.
fe-password-too_long = The password must have at most 256 characters.
fe-password-common = This password is among the most common ones; please choose another.
fe-password-is_email = The password must not be your email address.
fe-password-mismatch = The two passwords are not the same.
fe-password-wrong = The current password is not correct.
fe-country-format = Choose a country from the list.
fe-country-unknown = Choose a country from the list.
fe-institution_kind-unknown = Choose a kind of institution from the list.
fe-institution-unknown = Choose an institution from the list.
fe-account_type-unknown = Choose whether you are an expert or an institution member.
fe-locale-unsupported = Choose English or French.
fe-role-unknown = Choose a role from the list.
fe-url-invalid = A web address starts with https:// or http://.
fe-sector-unknown = Choose sectors from the list.

## Sign up
signup-title = Create your account
signup-intro = Passerelle is free for diaspora professionals and for host institutions. Coordinators and administrators are invited by the programme team.
signup-type = I am
signup-type-expert = A diaspora professional, offering my expertise
signup-type-institution = A member of a host institution, looking for expertise
signup-institution = My institution
signup-institution-existing = It is already on Passerelle
signup-institution-pick = Institution
signup-institution-new = It is new on Passerelle
signup-institution-name = Name of the institution
signup-institution-name-hint = Needed when the institution is new.
signup-institution-kind = Kind of institution
signup-institution-note = A member of your institution, or a programme coordinator, will confirm that you belong to it.
signup-consent = By creating an account you accept that Passerelle keeps the information you give to match experts and missions. You can download or erase your data at any time.
signup-submit = Create my account
signup-done-title = Check your email
signup-done-text = If the address { $email } can be used, we have sent it a link to confirm it. Follow that link, then sign in.
signup-have-account = Already have an account?

## Sign in and out
login-title = Sign in
login-submit = Sign in
login-failed = The email address or the password is not correct.
login-throttled = Too many attempts. Please wait { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
} before trying again.
login-forgot = Forgot your password?
login-no-account = No account yet?
logout-submit = Sign out
logged-out = You are signed out.

## Password recovery
forgot-title = Reset your password
forgot-intro = Give the email address of your account. We will send it a link to choose a new password; the link is valid for one hour.
forgot-submit = Send the link
forgot-done = If an account uses this address, we have sent it a link to choose a new password.
reset-title = Choose a new password
reset-new = New password
reset-confirm = New password, again
reset-submit = Save the new password
reset-invalid = This link is not valid any more: it was used already, or it has expired. You can ask for a new one.
reset-done = Your password has been changed. Please sign in with it.

## Email verification
verify-title = Confirm your email address
verify-intro = Confirm that this address is yours to finish setting up your account.
verify-submit = Confirm my email address
verify-done = Thank you: your email address is confirmed.
verify-invalid = This link is not valid any more: it was used already, or it has expired. Sign in and ask for a new one from your account page.
verify-pending = Your email address is not confirmed yet.
verify-resend = Send the confirmation link again
verify-resent = We have sent a new confirmation link.

## My account
account-title = My account
account-details = Your details
account-role = Role
account-email-verified = Confirmed
account-saved = Your details are saved.
account-password = Password
account-password-current = Current password
account-password-new = New password
account-password-confirm = New password, again
account-password-submit = Change the password
account-password-changed = Your password is changed. Your other sessions have been ended.
account-password-note = Changing your password ends all your other sessions.
account-tokens = API tokens
account-tokens-intro = A personal token lets a program use the Passerelle API with your rights. Keep it secret; revoke it when you no longer need it.
account-token-name = Name of the token
account-token-create = Create a token
account-token-created = Your new token is shown below once. Copy it now: it cannot be shown again.
account-token-prefix = Starts with
account-token-created-at = Created
account-token-last-used = Last used
account-token-never = never
account-token-revoked = Revoked
account-token-revoke = Revoke
account-token-revoked-done = The token is revoked.
account-tokens-none = You have no tokens.
account-sessions = Active sessions
account-sessions-intro = Where your account is signed in. End any session you do not recognise, then change your password.
account-session-this = This session
account-session-started = Started
account-session-last = Last active
account-session-device = Browser
account-session-address = Address
account-session-end = End this session
account-session-ended = The session is ended.
account-membership-pending = Your membership of your institution awaits confirmation by one of its members or by a coordinator.

## Administration
admin-users-title = Users
admin-users-search = Name or email
admin-users-role = Role
admin-users-any-role = Any role
admin-users-include-disabled = Include disabled accounts
admin-users-filter = Filter
admin-users-count = { $count ->
    [0] No account
    [one] One account
   *[other] { $count } accounts
}
admin-users-status = Status
admin-users-active = Active
admin-users-disabled = Disabled
admin-users-unverified = Email not confirmed
admin-users-actions = Actions
admin-users-change-role = Change role
admin-users-disable = Disable
admin-users-enable = Enable
admin-users-new = Add a coordinator or administrator
admin-users-role-changed = The role is changed.
admin-users-disabled-done = The account is disabled and its sessions are ended.
admin-users-enabled-done = The account is enabled again.
admin-users-self = You cannot change your own role or disable your own account.
admin-user-new-title = Add a coordinator or an administrator
admin-user-new-password-note = Leave empty to generate a strong password, shown once.
admin-user-new-submit = Add the account
admin-user-created = The account is created. Its password, shown once:
admin-audit-title = Audit log
admin-audit-action = Action
admin-audit-actor = Actor (email)
admin-audit-since = From (date)
admin-audit-until = To (date)
admin-audit-when = When
admin-audit-target = Target
admin-audit-address = Address
admin-audit-detail = Detail
admin-audit-count = { $count ->
    [0] No entry
    [one] One entry
   *[other] { $count } entries
}
admin-audit-none = No entry matches.
pager-previous = Previous page
pager-next = Next page
pager-label = Pages
pager-position = Page { $page } of { $pages }

## Institution members
members-title = Members of { $institution }
members-active = Members
members-pending = Waiting for confirmation
members-none-pending = Nobody is waiting for confirmation.
members-approve = Confirm
members-remove = Remove
members-approved = The member is confirmed.
members-removed = The member is removed.

## Emails
email-greeting = Hello { $name },
email-signature = The Passerelle team
email-verify-subject = Confirm your email address on Passerelle
email-verify-body = Please confirm your email address by opening this link (valid for 3 days):
email-reset-subject = Choose a new Passerelle password
email-reset-body = Someone, probably you, asked to reset the password of your Passerelle account. To choose a new password, open this link (valid for one hour):
email-reset-ignore = If you did not ask for this, ignore this email: your password stays as it is.
email-exists-subject = Your Passerelle account
email-exists-body = Someone, probably you, tried to create a Passerelle account with this address, which already has one. To sign in, or to reset your password, go to:
email-member-approved-subject = You are now a member of { $institution } on Passerelle
email-member-approved-body = Your membership of { $institution } has been confirmed. You can now post and follow its mission requests:

## Error explanations
error-text-csrf = The form has expired or was sent from another site. Please go back, reload the page and try again.

## What the audit log records, in words
history-other = Other action ({ $action })
history-erased-person = A person whose data was erased
history-account-signup = Signed up
history-account-create = Account created
history-account-disable = Account disabled
history-account-enable = Account enabled again
history-account-settings = Account settings changed
history-login-success = Signed in
history-login-failure = Sign-in refused
history-login-throttled = Sign-in attempts blocked
history-login-throttle_ended = Block of sign-in attempts ended
history-logout = Signed out
history-session-end = A session ended
history-password-change = Password changed
history-password-reset_request = New password asked for
history-password-reset = Password reset
history-email-verify = Email address confirmed
history-role-change = Role changed
history-token-create = API token created
history-token-revoke = API token revoked
history-membership-approve = Membership of the institution confirmed
history-membership-remove = Membership of the institution removed
history-profile-create = Profile created
history-profile-edit = Profile edited
history-profile-suggestion-confirm = Suggested skill confirmed
history-profile-suggestion-dismiss = Suggested skill dismissed
history-profile-erase = Profile and account erased
history-profile-export = Profile data downloaded
history-consent-grant = Consent to matching given
history-credential-verify = Credential checked
history-notification-settings = Notification settings changed
history-institution-create = Institution created
history-institution-edit = Institution edited
history-institution-verify = Institution checked
history-programme-create = Programme created
history-programme-edit = Programme edited
history-call-create = Call for experts written
history-call-send = Call for experts sent
history-call-answer = Call for experts answered
history-call-close = Call for experts closed
history-search-save = Search saved
history-search-delete = Saved search deleted
history-export-roster = Roster exported
history-export-requests = Requests exported
history-export-missions = Missions exported
history-role-from-to = { $from } → { $to }
history-call-recipients = sent to { $count ->
    [one] one expert
   *[other] { $count } experts
}
history-blocked-for = blocked for { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}
history-block-refused = { $count ->
    [one] one attempt refused
   *[other] { $count } attempts refused
}
history-target-user = Account
history-target-email = Email address
history-target-expert = Expert profile
history-target-request = Request
history-target-candidate = Candidacy
history-target-mission = Mission
history-target-institution = Institution
history-target-programme = Programme
history-target-call = Call for experts
history-target-saved_search = Saved search
history-target-api_token = API token
admin-audit-who = Who
admin-audit-same-action = Every entry of this action
audit-family-account = Accounts
audit-family-login = Sign-ins
audit-family-password = Passwords
audit-family-email = Email addresses
audit-family-role = Roles
audit-family-token = API tokens
audit-family-membership = Institution memberships
audit-family-profile = Expert profiles
audit-family-consent = Consents
audit-family-credential = Credentials
audit-family-request = Mission requests
audit-family-candidate = Candidacies
audit-family-mission = Missions
audit-family-institution = Institutions
audit-family-programme = Programmes
audit-family-call = Calls for experts
audit-family-search = Saved searches
audit-family-export = Exports
admin-user-account = Account
admin-user-since = Account created on
admin-user-audit = What this account did (audit log)
admin-user-role-hint = A new role takes effect at the person's next sign-in: their sessions are ended.
admin-user-access = Access
admin-user-disable-text = A disabled account can no longer sign in, and its sessions end at once. Nothing is erased; the account can be enabled again.
admin-user-enable-text = This account is disabled: it cannot sign in.
signup-title-expert = Create your expert account
signup-title-institution = Create your account as a host institution member
signup-type-expert-text = Describe your skills, languages and availability once; answer the invitations to missions that fit them.
signup-type-institution-text = Post the expertise your institution needs, follow your requests, approve the experts proposed and evaluate their missions.
signup-change-type = Change the kind of account

# Problems named on error pages and forms, by their code.
fe-consent-choice = Choose to give or to withdraw your consent.
fe-text-required = Paste the text whose skills to search for.
fe-text-too_long = The text is too long ({ $max } characters at most).
fe-notification-id = This is not one of your notifications.
fe-notification-delivery = Choose by email or in the application.
fe-form-too_many_parts = The form has too many parts.
fe-text-encoding = The text must be UTF-8.
fe-candidate-expert_required = Choose an expert.
fe-candidate-expert_unknown = This expert is not in the roster.
fe-candidate-bulk_action = Choose to shortlist or to invite.
fe-candidate-bulk_too_many = Choose { $max } experts at most at once.
fe-candidate-reply_by_required = Give a reply-by date to invite.
fe-candidate-reply_by_past = The reply-by date must be today or later.
fe-invitation-answer_unknown = Accept or decline the invitation.
fe-extension-decision_unknown = Approve or refuse the extension.
fe-claim-unknown = Choose one of the profiles offered.
fe-calendar-month_format = Give a month as YYYY-MM, for example 2027-03.
fe-calendar-view = Choose the timeline or the month grid.
fe-email-taken = An account with this email address already exists.
