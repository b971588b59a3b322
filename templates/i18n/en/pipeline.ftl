# The mission pipeline: candidates, missions, reports, evaluations, calls, dashboards (notifications and history: events.ftl).

history-request-reopen = Reopened: a mission was cancelled
request-shortlisted = The expert is on the shortlist.

nav-invitations = My invitations
nav-my-missions = My missions
nav-candidates-to-approve = Candidates to approve
nav-candidates = Candidates
nav-missions-to-evaluate = Missions to evaluate
nav-missions = Missions
nav-calls = Calls for experts
nav-dashboard = Dashboard
nav-notifications = Notifications

filter-from = From
filter-to = To

## Candidates

candidate-status = Status
candidate-status-shortlisted = Shortlisted
candidate-status-invited = Invited
candidate-status-accepted = Accepted
candidate-status-declined = Declined
candidate-status-expired = No answer in time
candidate-status-proposed = Proposed to the host
candidate-status-host_approved = Approved by the host
candidate-status-host_declined = Declined by the host
candidate-status-selected = Selected
candidate-status-withdrawn = Withdrawn
candidate-action-shortlisted = Shortlist
candidate-action-invited = Invite
candidate-action-accepted = Accept
candidate-action-declined = Decline
candidate-action-expired = Mark as expired
candidate-action-proposed = Propose to the host
candidate-action-host_approved = Approve this expert
candidate-action-host_declined = Decline this expert
candidate-action-selected = Select for the mission
candidate-action-withdrawn = Withdraw
candidate-refusal-unchanged = The candidate is already “{ $status }”.
candidate-refusal-no_such_step = A candidate who is “{ $from }” cannot become “{ $to }”.
candidate-refusal-not_yours = A candidate who is “{ $from }” becomes “{ $to }” only by someone else.
candidate-refusal-request_not_open = The request is not open for matching: it must be approved.
candidate-refusal-no_free_position = Every position of the request is already filled.
candidate-refusal-expert_booked = The expert is booked on another mission over these dates.
candidate-refusal-deadline_passed = The day to answer this invitation has passed.
candidate-refusal-reason_required = Please give a reason.
candidate-refusal-reason_too_long = The reason must be at most { $max } characters.
candidate-refusal-reason_control = The reason holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
candidate-refusal-reply_by_required = An invitation needs a day to answer by.
candidate-refusal-reply_by_out_of_range = The day to answer by must be between today and { $days } days from now.
candidate-choose-step = Choose a step.
candidate-title = { $name } for “{ $request }”
candidate-expert = Expert
candidate-request = Request
candidate-mission = Mission
candidate-reply-by = Answer by
candidate-reply-by-hint = The expert receives the terms of reference and is reminded two days before this day; without an answer, the invitation expires the next day.
candidate-answer-by = Answer by { $date }
candidate-comment = Comment or reason
candidate-comment-hint = Required to decline or withdraw; kept in the history.
candidate-reason = Reason given
candidate-see-mission = See the mission
candidate-open-profile = Open the profile
candidate-consent-active = Profile shared
candidate-consent-text = The expert agreed on { $granted } to share their profile with your institution for this request, until { $until }.
candidate-consent-ended = No longer shared
candidate-consent-ended-on = The profile is no longer shared since { $date }.
candidate-record-only = The expert's consent has ended: only the record of the mission is shown.
candidates-title-staff = Candidates
candidates-title-host = Candidates to approve
candidates-intro-staff = Candidates waiting on someone: an expert's answer, a proposal to the host, the host's decision, a selection.
candidates-intro-host = Experts who accepted to work with you, proposed by the coordinators. Open one to see the full profile and approve or decline.
candidates-waiting = Waiting on someone
candidates-none = No candidate here.
candidates-count = { $count ->
    [0] No candidate
    [one] One candidate
   *[other] { $count } candidates
}
pipeline-title = Candidates and missions
pipeline-empty-staff = No candidate yet. Shortlist experts from the ranked matches or the roster search.
pipeline-empty-host = No candidate to show yet: you will see experts once they have accepted to work with you.
pipeline-find = Ranked candidates
pipeline-search-roster = Search the roster
pipeline-calendar = The candidates' availability on the calendar
match-shortlist = Shortlist
match-in-pipeline = Already a candidate: { $status }
search-for-request = Shortlisting for “{ $request }”.
search-back-to-request = Back to the request

## Invitations

invitations-title = My invitations
invitations-intro = Institutions of your countries of origin ask for your expertise. Read the terms of reference and answer before the day shown.
invitations-pending = Waiting for your answer
invitations-none-pending = No invitation waits for your answer.
invitations-past = Earlier invitations
invitations-none-past = Nothing yet.
invitations-calls = Calls for experts
invitation-accept = Accept
invitation-decline = Decline
invitation-your-answer = Your answer
invitation-consent-explained = If you accept, { $institution } will see your name, contact details and full profile for this request. Until then it sees nothing of you.
invitation-accept-title = Accept the invitation
invitation-decline-title = Decline the invitation
invitation-consent-statement = By accepting, I agree that { $institution } sees my name, contact details and full profile for this request, until { $until }.
invitation-consent-withdrawable = I can withdraw this consent at any time from the invitation's page; the host then no longer sees my profile.
invitation-confirm-label = I accept the invitation and share my profile with { $institution }
invitation-confirm-required = Tick the box to confirm that you accept and share your profile.
invitation-accept-confirm = Confirm and accept
invitation-decline-reason = Why do you decline?
invitation-decline-hint = A short reason helps the coordinator (for example: not available on these dates).
invitation-decline-confirm = Decline the invitation
invitation-consent-title = Sharing of your profile
invitation-consent-given = You agreed on { $granted } to share your profile with the host for this request, until { $until }.
invitation-consent-withdrawn-on = You withdrew your consent on { $date }.
invitation-withdraw-consent = Stop sharing my profile
invitation-withdraw-consent-before = Stopping also withdraws your candidacy: the host cannot choose someone it cannot see.
invitation-withdraw-consent-after = The mission goes on; the host keeps only its record (your name and the mission's facts).
invitation-consent-withdrawn = Your profile is no longer shared with the host.
invitation-no-consent = There is no consent to withdraw.
invitation-withdraw-title = Withdraw from this mission
invitation-withdraw-reason = Why do you withdraw?

## Missions

mission-status = Status
mission-status-planned = Planned
mission-status-approved = Approved
mission-status-preparing = In preparation
mission-status-in_progress = In progress
mission-status-completed = Completed
mission-status-reported = Report filed
mission-status-evaluated = Evaluated
mission-status-closed = Closed
mission-status-cancelled = Cancelled
mission-action-planned = Plan
mission-action-approved = Sign off
mission-action-preparing = Start the preparation
mission-action-in_progress = Record the start
mission-action-completed = Record the end
mission-action-reported = File the report
mission-action-evaluated = Evaluate
mission-action-closed = Close the mission
mission-action-cancelled = Cancel the mission
mission-refusal-unchanged = The mission is already “{ $status }”.
mission-refusal-no_such_step = A mission that is “{ $from }” cannot become “{ $to }”.
mission-refusal-not_yours = A mission that is “{ $from }” becomes “{ $to }” only by someone else.
mission-refusal-checklist_incomplete = The logistics checklist is not complete: every item must be done or not applicable.
mission-refusal-report_missing = The expert's report must be filed first.
mission-refusal-evaluation_missing = The host's evaluation must be filed first.
mission-refusal-date_in_future = The day cannot be after today.
mission-refusal-end_before_start = The end cannot be before the start.
mission-refusal-reason_required = Please give a reason.
mission-refusal-early_end_reason_required = Ending before the planned end needs a reason.
mission-refusal-comment_too_long = The comment must be at most { $max } characters.
mission-refusal-comment_control = The comment holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
mission-refusal-booked = The expert is booked on another mission over these days.
mission-refusal-not-now = A mission that is “{ $status }” cannot change this any more.
extension-refusal-mission_closed = This mission can no longer be extended.
extension-refusal-not_later = The new end must be after the current end.
extension-refusal-reason_required = An extension needs a reason.
extension-refusal-reason_too_long = The reason is too long.
extension-refusal-reason_control = The reason holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
extension-refusal-note_control = The note holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
extension-refusal-pending = An extension is already waiting for a decision.
extension-refusal-none-pending = No extension is waiting for a decision.
extension-status = Decision
extension-status-requested = Waiting for a decision
extension-status-approved = Approved
extension-status-refused = Refused
extension-decision-approved = approved
extension-decision-refused = refused
extension-until = Until
extension-reason = Reason
extension-new-end = New last day
extension-ask = Ask for an extension
extension-decision-note = Note (optional)
extension-approve = Approve the extension
extension-refuse = Refuse
missions-title-staff = Missions
missions-title-expert = My missions
missions-title-host = Our missions
missions-report-due = Reports to write
missions-to-evaluate = Missions to evaluate
missions-none = No mission here.
missions-count = { $count ->
    [0] No mission
    [one] One mission
   *[other] { $count } missions
}
mission-request = Mission
mission-planned = Planned days
mission-actual = Days of the mission
mission-days = { $start } to { $end }
mission-days-col = Days
mission-since = Since { $start }
mission-report-due = Report due
mission-report-due-on = Report due by { $date }
mission-write-report = Write the report
mission-evaluate = Evaluate the mission
mission-next = Next step
mission-next-report = Your report is due: describe what you did and whom you trained.
mission-next-evaluate = The expert's report is in: please evaluate the mission.
mission-next-wait-report = Waiting for the expert's report.
mission-next-wait-evaluation = Waiting for the host's evaluation.
mission-next-status-planned = A coordinator will sign the mission off.
mission-next-status-approved = The logistics are about to be prepared.
mission-next-status-preparing = The logistics are being prepared; the mission starts once every item of the checklist is settled.
mission-next-status-in_progress = The mission is under way.
mission-next-status-completed = Waiting for the expert's report.
mission-next-status-reported = Waiting for the host's evaluation.
mission-next-status-evaluated = The mission is evaluated; a coordinator will close it.
mission-next-status-closed = The mission is closed: nothing more to do.
mission-next-status-cancelled = The mission was cancelled: nothing more to do.
mission-step-date = Day of the start or end
mission-step-date-hint = The actual day (today unless you record it later).
mission-comment = Comment or reason
mission-comment-hint = Required to cancel, or to end before the planned last day.
mission-certificate = Certificate of mission (printable)
mission-facts = The mission
mission-candidacy = Candidacy
mission-see-request = See the request
mission-early-end = Ended early because
mission-cancel-reason = Cancelled because
mission-expert-erased = (expert's data erased)
mission-checklist = Logistics checklist
mission-phases = Phases
mission-phases-hint = A hybrid mission has at least one phase on site and one remote; phases lie within the mission's days and do not overlap. Leave a row empty to drop it.
mission-schedule-edit = Change the days and phases
mission-schedule-save = Save the schedule
mission-starts-on = First day
mission-ends-on = Last day
mission-extensions = Extensions
mission-report = The expert's report
mission-evaluation = The host's evaluation
mission-created = The expert is selected: the mission is planned.
mission-checklist-saved = The checklist has been saved.
mission-schedule-saved = The schedule has been saved.
mission-extension-asked = The extension has been asked for; a coordinator will decide.
mission-extension-decided = The decision on the extension has been recorded.
mission-report-filed = Thank you: your report has been filed.
mission-evaluation-filed = Thank you: your evaluation has been filed.
mission-date-invalid = Give a day as YYYY-MM-DD.
checklist-item = Item
checklist-state = State
checklist-date = Date
checklist-note = Note
checklist-save-all = Save the checklist
checklist-hint = An item marked done without a date is done today. Only the items you changed are recorded.
checklist-item-visa = Visa
checklist-item-travel = Travel booked
checklist-item-insurance = Insurance
checklist-item-per_diem = Per-diem advance
checklist-item-accommodation = Accommodation
checklist-item-security_briefing = Security briefing
checklist-item-focal_point = Host focal point
checklist-state-todo = To do
checklist-state-done = Done
checklist-state-not_applicable = Not applicable
phase-kind = Kind
phase-days = Days
phase-count = Number of days
phase-kind-on_site = On site
phase-kind-remote = Remote
phase-n-kind = Phase { $n }: kind
phase-n-start = Phase { $n }: first day
phase-n-end = Phase { $n }: last day

## Reports and evaluations

report-title = Report on “{ $mission }”
report-intro = Tell the programme what the mission achieved: it is what the host, the coordinators and the donor read.
report-due-text = It is due by { $date }.
report-activities = Activities
report-activities-hint = What you did, with whom, and what changed.
report-people = People trained
report-people-hint = Count each person once. For a Training of Trainers, give the trainers you trained, and the students they reach.
report-role = Role
report-women = Women
report-men = Men
report-unspecified = Not specified
report-total = Total
report-role-trainers = Trainers and teachers
report-role-trainers-hint = trained to train others
report-role-staff = Staff of the host
report-role-staff-hint = trained directly (nurses, technicians, officials…)
report-role-students = Students reached
report-role-students-hint = through the trainers
report-role-others = Others trained
report-role-others-hint = anyone else trained directly
report-institutions-reached = Institutions reached
report-deliverables = Deliverables
report-recommendations = Recommendations
report-recommendations-hint = What the host or the programme should do next.
report-submit = File the report
report-filed-on = Filed on { $moment }
report-people-caption = { $trained ->
    [0] nobody trained
    [one] one person trained
   *[other] { $trained } people trained
}, { $reached ->
    [0] none reached through them
    [one] one reached through them
   *[other] { $reached } reached through them
}
report-institutions-reached-count = { $count ->
    [0] No institution reached
    [one] One institution reached
   *[other] { $count } institutions reached
}
evaluation-title = Evaluation of “{ $mission }”
evaluation-intro = How did the mission of { $expert } go? Your ratings count in the expert's record and help the programme.
evaluation-criterion = Criterion
evaluation-rating = Rating
evaluation-criterion-quality = Quality of the work
evaluation-criterion-quality-hint = The expertise and the care put into the work.
evaluation-criterion-transfer = Transfer of skills
evaluation-criterion-transfer-hint = Can your people now do what they learnt, without the expert?
evaluation-criterion-communication = Communication
evaluation-criterion-communication-hint = With your staff and your management.
evaluation-criterion-reliability = Reliability
evaluation-criterion-reliability-hint = Punctuality, commitments kept.
evaluation-criterion-relevance = Relevance to your needs
evaluation-criterion-relevance-hint = How well the mission met the terms of reference.
evaluation-out-of-five = { $rating }/5
evaluation-comments = Comments
evaluation-submit = File the evaluation
evaluation-filed-on = Filed on { $moment }
evaluation-average = Average rating: { $rating }/5

## Certificate

certificate-title = Certificate of mission
certificate-print-hint = Or print this page with your browser's Print command.
document-download-pdf = Download as PDF
certificate-certifies = This certifies that
certificate-carried-out = carried out the mission “{ $mission }” for { $institution }.
certificate-expert-days = Expert-days
certificate-days-split = { $on_site } on site, { $remote } remote
certificate-impact = Impact
certificate-impact-text = { $trained ->
    [0] nobody trained
    [one] one person trained
   *[other] { $trained } people trained
}, { $reached ->
    [0] none reached through them
    [one] one reached through them
   *[other] { $reached } reached through them
}
certificate-funder = With the support of
certificate-issued = Issued on { $date }
certificate-reference = Reference { $reference }

## Calls for experts and saved searches

calls-title = Calls for experts
calls-intro = Urgent calls sent to a segment of the roster (a saved search), for instance medical staff for an epidemic response. The experts interested can be shortlisted for a request.
calls-new = Send a call
calls-new-search = Search the roster and save a search
calls-sent = Calls sent
calls-none = No call sent yet.
call-title = Title
call-title-hint = What is needed, where, when: e.g. “Cholera response: doctors and nurses for Conakry, four weeks”.
call-message = Message
call-search = Experts to call (saved search)
call-search-hint = The call goes to the consenting experts the search finds now (at most 200).
call-request = Request to staff
call-request-hint = The answers can be shortlisted for this request.
call-reply-by = Answer by
call-reply-by-text = Answer by { $date }
call-send = Send the call
call-form-intro = Experts with an account receive the call in their notifications (and by email if they chose it).
call-form-no-search = No saved search yet.
call-sent-on = Sent on
call-answers = Answers
call-answer-counts = { $interested } interested of { $recipients }
call-answer = Answer
call-answer-pending = No answer yet
call-answer-interested = Interested
call-answer-not_available = Not available
call-answer-interested-button = I am interested
call-answer-not_available-button = I am not available
call-answer-it = Answer
call-your-answer = Your answer
call-note = Note
call-open = Open
call-closed = Closed
call-close = Close the call
call-recipients = Experts called
call-sent = { $count ->
    [0] The call has been recorded, but the search found no consenting expert.
    [one] The call has been sent to one expert.
   *[other] The call has been sent to { $count } experts.
}
call-answered = Thank you: your answer has been recorded.
call-closed-notice = The call is closed.
searches-title = Saved searches
searches-none = No saved search yet: search the roster, then save the search.
search-name = Name
search-criteria = Criteria
search-run = Run
search-calendar = Availability
search-send-call = Send a call
search-delete = Delete
search-deleted = The saved search has been deleted.
search-save = Save this search
search-save-hint = A name to find it again, e.g. “Nurses of Guinean origin, French”.
search-save-button = Save the search
search-saved-origin = from { $country }
search-saved-available = available { $start } to { $end }

## Dashboard, programme report, exports

dashboard-title = Dashboard
dashboard-intro = Requests and missions whose days fall in the period, and what they achieved. Each chart has its table.
dashboard-filters = Filters of the dashboard
dashboard-key-figures = Key figures
dashboard-missions-deployed = missions carried out
dashboard-experts-deployed = experts deployed
dashboard-days-on-site = expert-days on site
dashboard-days-remote = expert-days remote
dashboard-trained = people trained
dashboard-reached = people reached through them
dashboard-rating = average host rating
dashboard-rating-value = { $rating }/5 ({ $count ->
    [one] one evaluation
   *[other] { $count } evaluations
})
dashboard-days-to-staff = from approval to staffing
dashboard-days-to-staff-value = { $days } days ({ $count ->
    [one] one request
   *[other] { $count } requests
})
dashboard-by-status = Requests and missions by state
dashboard-requests-by-status = Requests by state
dashboard-missions-by-status = Missions by state
dashboard-count = Number
dashboard-per-month = Month by month
dashboard-missions-per-month = Missions starting each month
dashboard-expert-days = Expert-days each month, on site and remote
dashboard-months-table = Missions and expert-days by month
dashboard-month = Month
dashboard-per-year = Year by year
dashboard-missions-per-year = Missions starting each year
dashboard-years-table = Missions and expert-days by year
dashboard-year = Year
dashboard-missions = Missions
dashboard-on-site = On site
dashboard-remote = Remote
dashboard-people = People trained and reached, by role
dashboard-people-table = People trained and reached, by role and gender
dashboard-programme-report = Programme report (printable)
export-missions = Export the missions (CSV)
export-requests = Export the requests (CSV)
export-roster = Export the roster (CSV)
export-for-spreadsheets = for a spreadsheet (Excel, LibreOffice)
export-yes = yes
export-no = no
export-column-mission_id = Mission ID
export-column-programme = Programme
export-column-request = Request
export-column-host_institution = Host institution
export-column-country = Country
export-column-city = City
export-column-sector = Sector
export-column-expert = Expert
export-column-status = Status
export-column-mode = Mode
export-column-planned_start = Planned start
export-column-planned_end = Planned end
export-column-actual_start = Actual start
export-column-actual_end = Actual end
export-column-expert_days_on_site = Expert-days on site
export-column-expert_days_remote = Expert-days remote
export-column-people_trained = People trained
export-column-people_reached = People reached
export-column-institutions_reached = Institutions reached
export-column-report_filed_at = Report filed (UTC)
export-column-host_rating = Host rating (1 to 5)
export-column-early_end_reason = Reason for ending early
export-column-cancel_reason = Reason for cancelling
export-column-request_id = Request ID
export-column-title = Title
export-column-timing = Timing
export-column-starts_on = First day
export-column-ends_on = Last day
export-column-duration_days = Duration (days)
export-column-urgency = Urgency
export-column-positions = Positions
export-column-created_at = Created (UTC)
export-column-status_changed_at = Status changed (UTC)
export-column-expert_id = Expert ID
export-column-name = Name
export-column-headline = Headline
export-column-residence_country = Country of residence
export-column-origin_countries = Countries of origin
export-column-sectors = Sectors
export-column-consents_to_matching = Consents to matching
export-column-confirmed_at = Profile confirmed (UTC)
export-column-verified_credentials = Verified credentials
export-column-credentials_awaiting_review = Credentials awaiting review
export-column-updated_at = Updated (UTC)
report-programme-title = Programme report
report-programme-period = Period
report-programme-scope = Scope
report-programme-issued = Issued on
report-programme-missions = Missions
report-pdf-days = Days on site / remote
report-pdf-people = Trained / reached
report-pdf-rating = Rating
report-programme-recommendations = Recommendations of the experts
profile-section-missions = Missions
profile-missions-done = { $count ->
    [0] No mission done yet.
    [one] One mission done.
   *[other] { $count } missions done.
}
profile-missions-rating = average host rating { $rating }/5 ({ $count ->
    [one] one evaluation
   *[other] { $count } evaluations
})

## How a candidate meets the request (the candidate's page)
fit-title = How the candidate meets the request
fit-intro = What the request “{ $request }” asks, beside what the candidate's profile says. No contact detail is shown here.
fit-asked = Asked
fit-theirs = The candidate
fit-verdict = Meets it?
fit-met = Meets it
fit-below = Below the level asked
fit-missing = Not in the profile
fit-dates = Dates
fit-dates-covered = Available for the whole mission ({ $periods })
fit-dates-partly = Available for part of the mission only ({ $periods })
fit-dates-outside = None of the periods given meets the mission's days
fit-dates-not-given = No period of availability given
fit-evaluations = Past evaluations
fit-rating = Rated { $rating }/5 by the hosts of { $count ->
    [one] one earlier mission
   *[other] { $count } earlier missions
}
fit-no-evaluation = No evaluated mission yet
mission-refusal-licence_unverified = The expert's licence to practise is not verified, or not valid until the mission's end: a coordinator verifies it on the profile before departure.
