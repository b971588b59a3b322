## Navigation
nav-profile = My profile
nav-roster = Roster

## CEFR levels, skill levels, modes, credentials
cefr-A1 = A1 (beginner)
cefr-A2 = A2 (elementary)
cefr-B1 = B1 (intermediate)
cefr-B2 = B2 (upper intermediate)
cefr-C1 = C1 (advanced)
cefr-C2 = C2 (proficient)
cefr-native = Native
cefr-native-short = native
skill-level-1 = 1 – basic
skill-level-2 = 2 – intermediate
skill-level-3 = 3 – advanced
skill-level-4 = 4 – expert
mode-on_site = On site
mode-remote = Remote
mode-either = On site or remote
credential-kind-degree = Degree
credential-kind-licence = Professional licence
credential-kind-certification = Certification
credential-status-unverified = Not verified yet
credential-status-verified = Verified
credential-status-rejected = Rejected
credential-verify = Verify
credential-reject = Reject
credential-status-saved = The credential's status is saved.

## Profile sections
profile-section-identity = Identity and contact
profile-section-diaspora = Diaspora links
profile-section-experience = Experience and education
profile-section-skills = Skills
profile-section-languages = Languages
profile-section-credentials = Diplomas, licences and certifications
profile-section-availability = Availability
profile-my-title = My profile
profile-status = Status of the profile
profile-back = Back to the profile
profile-edit = Edit
profile-saved = Your changes are saved.
profile-created = The profile is created. Complete it section by section.
profile-confirmed = Thank you: your profile is confirmed as up to date.
profile-none-yet = Nothing yet.

## Fields
profile-contact-email = Contact email
profile-contact-email-hint = Where coordinators and, once you accept an invitation, host institutions may write to you.
profile-phone = Phone
profile-phone-hint = International format, e.g. +32 470 12 34 56.
profile-residence = Country of residence
profile-origins = Countries of origin or heritage
profile-origins-hint = Hold Ctrl (or Cmd) to choose several.
profile-multi-hint = Hold Ctrl (or Cmd) to choose several; none is fine.
profile-nationalities = Nationalities
profile-no-travel = Countries you will not travel to
profile-no-travel-theirs = Countries the expert will not travel to
profile-travel-limits = Other travel limits
profile-travel-limits-hint = For example a residence permit being renewed, or family constraints.
profile-memberships = Diaspora organisations you belong to
profile-memberships-theirs = Diaspora organisations the expert belongs to
profile-organisation = Organisation
profile-role-in-organisation = Your role
profile-headline = Headline
profile-headline-hint = One line: what you do, e.g. "Nurse anaesthetist, 12 years in university hospitals".
profile-summary = Summary
profile-summary-hint = A few sentences on your experience and what you would like to pass on.
profile-years = Years of professional experience
profile-sectors = Sectors
profile-education = Education
profile-degree = Degree
profile-field = Field
profile-institution = Institution
profile-year = Year
profile-work = Work history
profile-position = Position
profile-employer = Employer
profile-from-year = From (year)
profile-to-year = To (year)
profile-skills-hint = Type a skill in English or French: the list suggests the skills of our taxonomy (any of their names works). A skill we do not know is kept as you wrote it.
profile-skill = Skill
profile-skill-level = Level
profile-skill-years = Years of practice
profile-skill-free = not in the taxonomy
profile-languages-hint = Your level in each language, spoken and written, on the European scale (A1 to C2), or native.
profile-language = Language
profile-spoken = Spoken
profile-written = Written
profile-credentials-hint = A coordinator checks each credential; changing a verified one asks for a new check.
profile-credential = Credential
profile-credential-kind = Kind
profile-credential-title = Title
profile-credential-issuer = Issued by
profile-credential-number = Number
profile-credential-valid-until = Valid until
profile-credential-status = Verification
profile-credential-expired = expired
profile-availability-hint = The periods when you could go on a mission (or work remotely). Add as many as you like.
profile-window-start = From
profile-window-end = To
profile-window-mode = How
profile-window-line = from { $from } to { $to }
profile-no-windows = No period given.
profile-max-days = Longest mission you can take (days)
profile-notice-days = Notice you need (days)
profile-remote-now = I am available now for remote help
profile-remote-now-badge = Available now for remote help

## Completeness, freshness, consent
profile-completeness = Profile { $percent } % complete
profile-missing = Still missing:
completeness-headline = a headline
completeness-summary = a summary of a few sentences
completeness-residence = your country of residence
completeness-origins = your countries of origin
completeness-sectors = your sectors
completeness-skills = at least three skills
completeness-languages = your languages
completeness-experience = your experience (years and work or education)
completeness-availability = when you are available
completeness-consent = your consent to be matched
profile-consent-yes = Listed for matching
profile-consent-no = Not listed for matching
profile-consent-since = since { $date }
profile-consent-needed = Without your consent, coordinators cannot propose you for missions.
profile-consent-needed-staff = Without the expert's consent, they cannot be proposed for missions.
profile-consent-manage = Manage my consent
profile-stale = Needs confirming
profile-fresh = Up to date
profile-confirmed-on = Last confirmed on { $date }.
profile-never-confirmed = Never confirmed.
profile-confirm = My profile is up to date
consent-title = Consent to be listed and matched
consent-version = Version { $version }
consent-given-on = You agreed on { $date } (version { $version }).
consent-agree = I agree
consent-withdraw = Withdraw my consent
consent-withdraw-hint = Withdrawing takes you out of matching at once. Your profile stays, and you can agree again later.
consent-new-version = The text has changed since you agreed. Please read it and agree to the new version.
consent-history = History
consent-history-granted = agreed
consent-history-withdrawn = withdrew
consent-given = Thank you: you are now listed for matching.
consent-withdrawn = Your consent is withdrawn: you are no longer proposed for missions.

## Data rights
profile-data-rights = Your data
profile-data-rights-text = Download everything Passerelle holds about you, or erase it for good.
profile-download = Download my data (JSON)
profile-erase = Erase my data
profile-data-rights-staff = The expert's data
profile-data-rights-text-staff = At the expert's request, download everything Passerelle holds about them, or erase it for good.
profile-download-staff = Download the expert's data (JSON)
profile-erase-staff = Erase this profile
erase-title = Erase the data
erase-warning-own = This erases your profile and your account for good. It cannot be undone.
erase-warning-staff = This erases the profile and account of { $name } for good, at their request. It cannot be undone.
erase-what = Only anonymous counts are kept (countries, sectors, numbers of skills and languages), for the programme's statistics.
erase-confirm = I understand that this cannot be undone
erase-password = Your password, to confirm
erase-submit = Erase for good
erase-done-title = Data erased
erase-done-own = Your profile and your account are erased. Thank you for your time with Passerelle.
erase-done-staff = The profile and account are erased; only anonymous counts remain.

## Roster
roster-title = Roster of experts
roster-new = Add an expert
roster-filters = Filter the roster
roster-text = Name, headline or email
roster-any = Any
roster-min-level = At least (spoken)
roster-available-from = Available from
roster-available-to = Available until
roster-verified = Verified credential
roster-awaiting = Credential to check
roster-freshness = Freshness
roster-consent = Consent
roster-status = Status
roster-updated = Updated
roster-count = { $count ->
    [0] No expert
    [one] One expert
   *[other] { $count } experts
}

## Field errors
fe-phone-invalid = Write the phone number in international format, e.g. +32 470 12 34 56.
fe-number-range = This number is out of range.
fe-number-invalid = Write a whole number.
fe-skill-duplicate = This skill is listed twice.
fe-skill_level-missing = Choose a level.
fe-language-duplicate = This language is listed twice.
fe-language-format = Choose a language from the list.
fe-language-unknown = Choose a language from the list.
fe-cefr-unknown = Choose a level from the list.
fe-date-format = Write the date as YYYY-MM-DD.
fe-date_range-end_before_start = The end is before the start.
fe-mode-unknown = Choose how you can work.
fe-credential_kind-unknown = Choose a kind of credential.
fe-year-before_start = The end year is before the start year.
fe-list-too_long = Too many entries.
fe-erase-unconfirmed = Tick the box to confirm.
fe-consent-unknown_version = This version of the consent text does not exist.

## Emails
email-stale-subject = Is your Passerelle profile still up to date?
email-stale-body = Programme coordinators rely on your profile to propose you for missions. Please check that your skills, languages and availability are still right, then press "My profile is up to date":

## Roster search
nav-search = Search
search-title = Search the roster
search-query = What are you looking for?
search-hint = Skills, trades, experience, in English or French: "infirmière anesthésiste", "solar PV", "sage-femme"…
search-from-text = Search from a text
search-from-text-label = Terms of reference, a job post, an email…
search-from-text-hint = The skills the text asks for, then those it welcomes, become the search's words; those it says are not needed are left out. You can change the words before saving the search.
search-from-text-submit = Find the skills and search
search-from-text-found = { $count ->
    [one] One skill found in the text: it is in the search box. Change the words if needed, then save the search.
   *[other] { $count } skills found in the text: they are in the search box. Change the words if needed, then save the search.
}
search-from-text-none = No skill of the taxonomy was found in the text. Type the search's words yourself.
search-sort = Order
search-sort-relevance = Best match first
search-sort-updated = Recently updated first
search-sort-experience = Most experienced first
search-this-quarter = Available this quarter
search-consenting = Only experts listed for matching
search-submit = Search
search-refine = Refine
search-count = { $count ->
    [0] No expert
    [one] One expert
   *[other] { $count } experts
}
fe-sort-unknown = Choose an order from the list.

# Skills read in the profile's own words
suggestions-title = Skills found in what you wrote
suggestions-intro = Your headline, summary, work history or credentials name these skills, which are not in your skills list. Matching counts them only in part until they are confirmed. Confirm each with a level, or dismiss it: a dismissed skill is not suggested again.
suggestions-confirm = Add to my skills
suggestions-dismiss = Not mine
