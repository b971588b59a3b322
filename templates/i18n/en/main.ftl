## Site frame: header, navigation, footer
site-name = Passerelle
site-tagline = Diaspora expertise for the institutions that need it
skip-to-content = Skip to main content
nav-main = Main navigation
nav-menu = Menu
nav-home = Home
language-switch = Language
footer-about = Passerelle matches diaspora professionals with skills-transfer missions requested by institutions in their countries of origin, and follows each mission from the request to its evaluation.
footer-data = Your data stays yours: you can download it or erase it at any time.
footer-api = API reference

## Home page
home-title = Passerelle — diaspora expertise for the institutions that need it
home-lead = Doctors, engineers, teachers and entrepreneurs of the diaspora share their skills with hospitals, polytechnic colleges, ministries and municipalities in their countries of origin. Passerelle finds the right expert for each request and follows the mission through to its evaluation.
home-audiences = Who Passerelle is for
home-experts-title = Diaspora professionals
home-experts-text = Describe your skills, languages and availability once. Receive invitations to missions that match them, accept the ones that suit you, and report on what you passed on.
home-institutions-title = Host institutions
home-institutions-text = Describe the expertise you need: skills, languages, dates or a flexible window, on site or remote. Follow your request, approve the proposed experts and evaluate each mission.
home-coordinators-title = Programme coordinators
home-coordinators-text = Review requests, get ranked and explained candidates, invite and select experts, follow logistics and reports, and show your programme's impact to its funders.
home-how = How a mission comes about
home-step-request = An institution posts its terms of reference: the skills, the languages, the place and the dates.
home-step-match = A coordinator reviews the request and gets the best-matching experts, with the reason for every rank.
home-step-invite = The chosen experts are invited; each decides whether to share their profile with the host.
home-step-mission = The host approves, logistics are prepared, and the mission takes place on site, remotely or both.
home-step-report = The expert reports, the host evaluates, and the programme counts the people trained.
home-programmes = Programmes it serves
home-programme-mida = Skills-transfer missions of diaspora experts to health, rural-development and education institutions (MIDA-style).
home-programme-tvet = Training of Trainers for the teachers of polytechnic and TVET colleges.
home-programme-health = Urgent calls for diaspora medical staff, with licences verified.
home-programme-placement = Temporary placements of qualified diaspora members in public institutions.

## Errors
error-title-400 = The request could not be understood
error-title-401 = Please sign in
error-title-403 = You do not have access to this page
error-title-404 = Page not found
error-title-405 = This action is not possible here
error-title-408 = The request took too long
error-title-409 = This change conflicts with the current state
error-title-413 = What you sent is too large
error-title-415 = This kind of content is not accepted
error-title-422 = Some fields need your attention
error-title-429 = Too many attempts
error-title-500 = Something went wrong on our side
error-title-503 = The service is temporarily unavailable
error-title-other = The request could not be completed
error-text-404 = The page you asked for does not exist or is no longer available.
error-text-429 = Please wait { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
} before trying again.
error-text-500 = The error has been recorded. Please try again in a moment; if it persists, give this reference to the support team:
error-text-generic = Please go back and try again.
error-reference = Reference:
error-back-home = Back to the home page

## API reference
api-operations = Operations
api-parameters = Parameters
api-name = Name
api-in = In
api-required = Required
api-description = Description
api-body = Request body:
api-responses = Responses
api-status = Status
api-schema = Schema
api-schemas = Schemas
api-type = Type

## Small pieces of sentences
label-colon = { $label }:
