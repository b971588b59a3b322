## Navigation
nav-our-requests = Our requests
nav-review-queue = Requests
nav-programmes = Programmes
nav-institutions = Institutions

## Lists in general
filter-any = Any
filter-apply = Filter
form-cancel = Cancel

## Institutions
institutions-title = Host institutions
institutions-new = Add an institution
institutions-search = Name or city
institutions-count = Institutions found: { $count }
institutions-none = No institution matches these filters.
institution-name = Name of the institution
institution-kind = Kind of institution
institution-place = Place
institution-sectors = Sectors
institution-website = Website
institution-description = Description
institution-contact = Contact person
institution-phone = Phone
institution-about = About the institution
institution-edit = Edit the description
institution-edit-title = Edit { $name }
institution-members = Members
institution-created = The institution has been added.
institution-saved = The description has been saved.
institution-verification = Verification
institution-verification-unverified = Not verified yet
institution-verification-verified = Verified
institution-verification-rejected = Rejected
institution-verified-by = by { $name }
institution-verify-title = Verification
institution-verify-intro = Check that the institution exists and that its members belong to it (official website, phone call, programme partner). Only a verified institution's requests can be approved.
institution-verify-comment = Note for the record
institution-verify-verified = Mark as verified
institution-verify-rejected = Reject
institution-verify-unverified = Back to not verified
institution-verify-choose = Choose a verdict: verified, rejected or not verified.
institution-verified-done = The institution is now verified.
institution-rejected-done = The institution has been rejected.
institution-unverified-done = The institution is back to not verified.
institution-requests = Mission requests
institution-requests-count = The 20 latest of { $count } requests are listed.

## Programmes
programmes-title = Programmes
programmes-intro = The programmes coordinators work in. Every mission request belongs to one.
programmes-new = New programme
programmes-none = There is no programme yet.
programme-code = Code
programme-code-hint = 2 to 30 capital letters, digits and hyphens, e.g. MIDA-GL-2026.
programme-name = Name
programme-description = Description
programme-name-and-description = Name and description
programme-languages-hint = Write them in English, in French or in both: each reader reads their own language, or the other one when theirs is missing. The name is needed in one language at least.
programme-name-en = Name in English
programme-name-fr = Name in French
programme-description-en = Description in English
programme-description-fr = Description in French
programme-funder = Donor or funder
programme-funder-hint = Who funds the programme, e.g. Belgian development cooperation.
programme-countries = Countries covered
programme-countries-hint = Two-letter country codes separated by commas, e.g. CD, RW, BI.
programme-sectors = Sectors
programme-period = Period
programme-starts-on = Start date
programme-ends-on = End date
programme-status = Status
programme-status-hint = A closed programme accepts no new requests; its requests stay as they are.
programme-status-active = Active
programme-status-closed = Closed
programme-about = About the programme
programme-edit = Edit the programme
programme-created = The programme has been created.
programme-saved = The programme has been saved.
programme-requests = Requests in this programme
programme-our-requests = Our requests in this programme

## Request lists
requests-ours-title = Our mission requests
requests-ours-intro = The expertise your institution asked for, and where each request stands.
requests-queue-title = Mission requests
requests-queue-intro = Requests to review, urgent ones first, then those waiting longest. Open a request to read it in full, or review it from here.
requests-new = New mission request
requests-search = Title or institution
requests-count = Requests found: { $count }
requests-none = No request matches these filters.
requests-review = Review

## A request
request-status = Status
request-status-draft = Draft
request-status-submitted = Submitted for review
request-status-changes_requested = Changes requested
request-status-approved = Approved — open for matching
request-status-staffed = Staffed
request-status-closed = Closed
request-status-cancelled = Cancelled
request-since = since { $moment }
request-when = When
request-institution = Institution
request-place = Place
request-place-remote = Remote
request-terms = Terms of reference
request-profile = Expertise sought
request-skills = Skills
request-skill = Skill
request-requirement = Requirement
request-requirement-must_have = Must have
request-requirement-nice_to_have = Nice to have
request-min-level = Minimum level
request-level-1 = 1 — basic
request-level-2 = 2 — intermediate
request-level-3 = 3 — advanced
request-level-4 = 4 — expert
request-languages = Languages
request-language = Language
request-min-cefr = Minimum level (CEFR)
request-origins = Preferred countries of origin
request-mode-on_site = On site
request-mode-remote = Remote
request-mode-hybrid = Hybrid: partly on site, partly remote
request-mode-hybrid-text = Hybrid, { $days } on site
request-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
request-timing-fixed = Fixed dates
request-timing-flexible = Flexible window
request-timing-fixed-text = from { $start } to { $end } ({ $duration })
request-timing-flexible-text = { $duration } between { $start } and { $end }
request-positions-count = { $count ->
    [one] one expert
   *[other] { $count } experts
}
request-urgency-normal = Normal
request-urgency-urgent = Urgent
request-urgency-urgent-hint = Urgent: the need is pressing (e.g. a medical emergency)
request-created = The request has been saved as a draft. Submit it for review when it is ready.
request-saved = The request has been saved.
request-moved = The request is now: { $status }.
request-next-steps = What you can do
request-edit = Edit the terms of reference
request-comment = Comment
request-comment-hint = Say why when you ask for changes or cancel; the institution and the coordinators read it in the history.
request-step-refused = This step was not taken
request-choose-step = Choose what to do with the request.
request-changes-asked = The coordinator asked for these changes:
request-cancel-reason = Cancelled because:
request-awaiting-verification = This institution is not verified yet: its requests can be approved only once it is.
request-verify-institution = Go to the institution
request-history = History
request-by-system = Passerelle
history-request-create = Created as a draft
history-request-create_on_behalf = Entered on the institution's behalf
history-request-take_over = Taken over by the institution
history-request-edit = Edited
request-history-changed = Changed: { $fields }
history-request-submit = Submitted for review
history-request-request_changes = Changes requested
history-request-approve = Approved
history-request-staff = Every position filled
history-request-close = Closed
history-request-cancel = Cancelled
request-action-submitted = Submit for review
request-action-changes_requested = Request changes
request-action-approved = Approve
request-action-staffed = Mark as staffed
request-action-closed = Close the request
request-action-cancelled = Cancel the request
request-refusal-unchanged = The request is already { $status }.
request-refusal-no_such_step = A request that is “{ $from }” cannot become “{ $to }”.
request-refusal-not_yours = Moving a request from “{ $from }” to “{ $to }” is not yours to do.
request-refusal-institution_not_verified = The institution is not verified yet: a coordinator must verify it before its requests can be approved.
request-refusal-comment_required = Please say why in the comment.
request-refusal-comment_too_long = The comment is too long (at most { $max } characters).
request-refusal-comment_control = The comment holds a control character (an invisible one, or one that reverses the direction of the text): remove it.
request-not-editable-text = The request cannot be edited while it is “{ $status }”.

## The request form
request-edit-title = Edit “{ $title }”
request-form-intro = Describe the expertise you need. A coordinator of the programme reviews the request before experts are sought.
request-section-need = The need
request-section-place = Place and mode
request-section-timing = When
request-section-staffing = Urgency and team
request-field-programme-id = Programme
request-programme-hint = The programme this mission belongs to.
request-field-title = Title
request-title-hint = A short name for the mission, e.g. “Training of trainers in solar PV installation”.
request-field-sector = Sector
request-field-description = Description
request-description-hint = The context: your institution, the people who will work with the expert, what exists today.
request-field-objectives = Objectives
request-field-deliverables = Expected deliverables
request-deliverables-hint = What should exist at the end: trained people, documents, equipment set up…
request-field-skills = Skills
request-field-languages = Languages
request-field-preferred-origins = Preferred countries of origin
request-field-place = Place
request-field-mode = Mode
request-field-timing = Dates
request-field-urgency = Urgency
request-field-positions = Number of experts
request-positions-hint = How many experts the mission needs.
request-field-host-provides = What the host provides
request-host-provides-hint = For example: accommodation, local transport, an interpreter, a workspace.
request-field-days-on-site = Days on site
request-days-on-site-hint = For a hybrid mission: how many days of the mission are on site.
request-skills-hint = Type a skill and choose it from the suggestions. Mark at least one as a must-have. Leave unused rows empty.
request-skill-n = Skill { $n }
request-languages-hint = The languages the expert must speak, with the minimum level. Leave unused rows empty.
request-language-n = Language { $n }
request-origins-hint = Experts from these countries are preferred; others are not excluded.
request-origin-n = Country { $n }
request-place-hint = An on-site or hybrid mission needs a country and a city; a remote one needs neither.
request-timing-hint = Choose fixed dates, or a window in which the mission can take place; fill in the fields of the option you choose.
request-timing-fixed-hint = The mission takes place on these days.
request-timing-flexible-hint = The mission lasts so many days, at a time of the expert's choosing within the window: e.g. 15 days between 1 March and 30 April.
request-start = First day
request-end = Last day
request-duration-days = Duration (days)
request-window-start = Window opens
request-window-end = Window closes
request-save-draft = Save as draft
request-save = Save
request-save-submit = Save and submit for review

## Field errors (by code)
fe-request-programme_unknown = Choose a programme from the list.
fe-request-programme_closed = This programme is closed to new requests; choose another.
fe-request-sector_unknown = Choose a sector from the list.
fe-request-skill_unknown = No skill of the list has this name: choose one from the suggestions.
fe-request-skill_duplicate = This skill is already in the list.
fe-request-requirement_unknown = Choose must-have or nice-to-have.
fe-request-level_range = Choose a level from 1 (basic) to 4 (expert).
fe-request-must_have_required = Mark at least one skill as a must-have.
fe-request-too_many = Too many rows (at most { $max }).
fe-request-language_format = Choose a language from the list.
fe-request-language_unknown = Choose a language from the list.
fe-request-language_duplicate = This language is already in the list.
fe-request-cefr_unknown = Choose a level from A1 to C2, or native.
fe-request-country_format = Choose a country from the list.
fe-request-country_unknown = Choose a country from the list.
fe-request-mode_unknown = Choose on site, remote or hybrid.
fe-request-timing_unknown = Choose fixed dates or a flexible window.
fe-request-urgency_unknown = Choose normal or urgent.
fe-request-number_range = Enter a whole number from 1 to { $max }.
fe-request-date_format = Enter a date as YYYY-MM-DD, e.g. 2027-03-01.
fe-request-end_before_start = The end must not be before the start.
fe-request-too_long_period = The period is too long (at most { $max } days).
fe-request-duration_exceeds_window = The duration does not fit in the window: choose fewer days or a wider window.
fe-request-place_required = An on-site or hybrid mission needs this field.
fe-programme-code_format = Use 2 to 30 capital letters, digits and hyphens.
fe-programme-code_taken = Another programme already has this code.
fe-programme-name_required = Give the programme's name in English, in French or in both.
fe-programme-country_format = Use two-letter country codes, e.g. CD, RW.
fe-programme-country_unknown = This is not a country code.
fe-programme-sector_unknown = Choose sectors from the list.
fe-programme-date_format = Enter a date as YYYY-MM-DD, e.g. 2027-03-01.
fe-programme-end_before_start = The end date must not be before the start date.
fe-programme-status_unknown = Choose active or closed.
missions-error-at = { $field }: { $message }

## Candidates (matching)
match-title = Candidates for “{ $request }”
match-intro = The experts who pass every hard requirement (consent, languages, availability, no other mission at the same time, and their own limits: countries, mission length, notice), best first; those who meet every must-have skill come before partial matches. Each score is the sum of the points shown.
match-adjust = Adjust the search
match-limit = How many
match-widen = Widen the dates by (days, each side)
match-relax-languages = Accept one language level lower
match-search = Search again
match-none = No expert passes every requirement. Try widening the dates or accepting a lower language level.
match-top = Best candidates
match-all = All candidates, with filters
match-score = { $score } points
match-why = Why { $name } ranks here
match-criterion = Criterion
match-points = Points
match-criterion-must = Must-have skills
match-criterion-nice = Nice-to-have skills
match-criterion-languages = Language levels above the requirement
match-criterion-availability = Availability (earlier in the window is better)
match-criterion-origin = Origin from the mission's country (or a preferred one)
match-criterion-sector = Sector
match-criterion-experience = Years of experience
match-criterion-credentials = Verified credentials
match-criterion-freshness = Profile not confirmed recently
match-criterion-evaluations = Past host evaluations
match-criterion-text = Wording of the profile
match-must = must-have
match-nice = nice-to-have
match-skill-has = { $skill }: level { $level }
match-skill-below = { $skill }: level { $level } (below the level asked)
match-skill-missing = { $skill }: missing
match-language = { $language }: { $margin ->
    [0] at the level asked
    [one] one level above the requirement
   *[other] { $margin } levels above the requirement
}
match-slot = Available from { $from } to { $to }
match-origin = From the mission's country
match-verified = { $count ->
    [one] A verified credential
   *[other] { $count } verified credentials
}
match-rating = Rated { $rating }/5 by hosts ({ $count ->
    [one] one evaluation
   *[other] { $count } evaluations
})
match-stale = Profile to be confirmed
match-relax-travel = Include experts who said they would not travel to this country
match-relax-length = Include experts whose longest mission is shorter
match-relax-notice = Include experts who need more notice
match-full-count = { $full ->
    [one] One candidate of { $count } meets every must-have; they come first.
   *[other] { $full } candidates of { $count } meet every must-have; they come first.
}
match-skill-close-narrower = { $skill }: holds { $other }, a kind of it
match-skill-close-related = { $skill }: holds { $other }, a related skill
match-skill-close-broader = { $skill }: holds { $other }, a broader skill
match-skill-listed = { $skill }: in their own skills list, in their words
match-skill-mentioned = { $skill }: named in their profile text, not in their skills list (not confirmed)
match-relaxed-travel = Said they would not travel to this country (filter loosened for this search)
match-relaxed-length = This mission is longer than the longest they take (filter loosened for this search)
match-relaxed-notice = Starts sooner than the notice they need (filter loosened for this search)
match-near-title = Kept out by a filter
match-near-intro = These experts hold the must-have skills but fail one of the hard requirements. One click searches again with that requirement loosened.
match-fails-language = { $language } below { $level }
match-fails-language-none = Does not speak { $language }
match-fails-dates = Not available on these dates
match-fails-booked = Booked on another mission then
match-fails-travel = Will not travel to this country
match-fails-length = Mission longer than they take
match-fails-notice = Needs more notice
match-fix-languages = Accept one language level lower
match-fix-dates = Widen the dates by 14 days
match-fix-travel = Include those who would not travel here
match-fix-length = Include shorter-mission experts
match-fix-notice = Include those needing more notice

## The match list: one row per candidate
match-col-rank = Rank
match-col-candidate = Candidate
match-col-score = Score
match-col-must = Must-haves
match-col-languages = Languages
match-col-availability = Available
match-col-origin = Origin
match-col-flags = Notes
match-must-met = { $met } of { $total }
match-slot-short = { $from } – { $to }
match-explain = Why this rank
request-timing-fixed-short = { $start } – { $end } · { $duration }
request-timing-flexible-short = { $duration } · { $start } – { $end }
match-nobody-meets = Nobody meets every must-have skill of this request. The candidates below are partial matches: read what each one lacks before shortlisting, or look below at the experts kept out by a filter.
match-near-misses = Partial matches: a must-have skill missing, below the level asked, held only as a close skill or named only in their text

# Skills read in the terms of reference (the request form's second step)
request-find-skills = Find the skills in the description
request-skills-found = { $count ->
    [one] One skill found in the description was added below: check its requirement and level, clear it if it does not belong, then save.
   *[other] { $count } skills found in the description were added below: check their requirement and level, clear those that do not belong, then save.
}
request-skills-found-none = No skill of the taxonomy was found in the description: type the skills below.
request-skills-found-held = The skills the description names are already in the rows below.
