# Programme plans (type, targets, budget) and the costs of missions.
programme-plan = Targets and budget
programme-kind = Programme type
programme-kind-hint = What the programme does; its page and the dashboard show it beside its name.
programme-kind-skills-transfer = Skills-transfer missions
programme-kind-training-of-trainers = Training of trainers (ToT)
programme-kind-emergency-relief = Emergency relief
programme-kind-placement = Placements in institutions
programme-kind-mapping = Diaspora mapping
programme-kind-capacity-building = Capacity building
programme-targets-hint = Leave a target blank if the programme does not track it. Progress is counted from the missions that took place.
programme-targets = Target
programme-target-experts = Experts deployed
programme-target-expert-days = Expert-days
programme-target-people-trained = People trained
programme-no-target = no target set
programme-currency = Currency
programme-currency-hint = Three-letter code (EUR, USD, RWF). Every amount of the programme is in it.
programme-budget = Budget
programme-budget-hint = The total for missions, e.g. 250000 or 250 000,00. Leave blank if not budgeted.
programme-per-diem = Per diem rates by country
programme-per-diem-hint = One country per line: its two-letter code, then the daily rate, e.g. MR 95.50. Per diem lines of missions in that country use it.
programme-no-budget = not budgeted
programme-spent = Spent
programme-spent-missions = { $count ->
    [0] no mission costed yet
    [one] on one mission
   *[other] on { $count } missions
}
programme-remaining = Remaining
programme-overspent = Over budget
programme-costs-csv = Costs (CSV)
programme-costs-spreadsheet = Costs for spreadsheets

costs-link = Costs
costs-title = Costs of the mission
costs-currency = Amounts in { $currency }, the programme's currency.
costs-lines = Cost lines
costs-none = No cost recorded yet.
costs-total = Total
costs-add = Record a cost
costs-add-button = Record the cost
cost-added = The cost has been recorded.
cost-removed = The cost line has been removed.
cost-category = Category
cost-category-travel = Travel
cost-category-per_diem = Per diem
cost-category-insurance = Insurance
cost-category-fees = Fees
cost-category-other = Other
cost-description = Description
cost-description-hint = E.g. return flight Brussels–Nouakchott, visa fee.
cost-quantity = Days or units
cost-days-hint = Blank for per diem: the mission's { $days } days on site; otherwise 1.
cost-unit-amount = Amount per day or unit
cost-rate-hint = Blank for per diem: the programme's rate for this country, { $rate } a day.
cost-no-rate-hint = The programme has no per diem rate for this country: type the daily rate.
cost-amount = Amount
cost-recorded = Recorded
cost-remove = Remove

fe-amount-format = Enter an amount with digits and up to two decimals, e.g. 1250 or 1 250,50.
fe-amount-too_large = This amount is above the largest accepted.
fe-currency-format = Enter a three-letter currency code, e.g. EUR.
fe-programme-kind_unknown = Choose a programme type from the list.
fe-programme-target_range = Enter a whole number (0 or more), or leave blank for no target.
fe-programme-too_many_rates = Too many per diem rates: at most 60.
fe-programme-rate_twice = This country has two rates: keep one.
fe-cost-category_unknown = Choose a category from the list.
fe-cost-no_days = The mission has no days on site: enter the number of days.
fe-cost-quantity_range = Enter a whole number from 1 to 400.
fe-cost-no_rate = The programme has no per diem rate for this country: enter the daily rate.
fe-cost-too_many = This mission has 200 cost lines already.

export-column-cost_id = Cost line ID
export-column-category = Category
export-column-description = Description
export-column-quantity = Days or units
export-column-unit_amount = Amount per unit
export-column-amount = Amount
export-column-currency = Currency
export-column-recorded_at = Recorded (UTC)

history-mission-cost_add = Cost recorded
history-mission-cost_remove = Cost line removed
programme-by-category = Spent by category
dashboard-plans = Programmes against their targets and budgets
programme-reached-of-goal = Reached / goal

# Working a match list in bulk.
match-bulk-hint = Tick experts in the list, then shortlist them all, or shortlist and invite them with one reply-by date.
match-bulk-shortlist = Shortlist the ticked experts
match-bulk-reply-by = Reply by (to invite)
match-bulk-invite = Invite the ticked experts
match-bulk-pick = Select { $name }
match-bulk-none = No expert was ticked: nothing changed.
match-bulk-shortlisted = The ticked experts are on the shortlist.
match-bulk-invited = The ticked experts are invited; each is told, with the reply-by date.
match-bulk-partial = Done for some of the ticked experts; the others could not take this step now (see the pipeline).

# The calendar of missions.
calendar-link = Calendar of missions
calendar-title = Calendar of missions
calendar-to-missions = Missions
calendar-month = First month
calendar-months = Months shown
calendar-previous = Earlier
calendar-next = Later
calendar-heading = { $from } to { $to }
calendar-description = A timeline of { $count } missions on their planned days, one bar each, with today's date marked.
calendar-none = No mission in these months.
calendar-legend = Each bar is a mission on its planned days, coloured by its state; the vertical line is today. The table below lists the same missions.
calendar-more = The timeline shows the first 200 of { $count } missions: narrow the months or the filters.
calendar-expert = Expert
calendar-experts-title = Experts: availability and bookings
calendar-experts-description = A timeline of { $count } experts: the windows each said they are free, and the missions that book them.
calendar-experts-legend = Light green bands are the windows an expert said they are free; coloured bars are the missions that book them, as above.
calendar-experts-cut = Only the first 40 experts are drawn: narrow the filters.
calendar-free-tip = Free { $days } ({ $mode })
calendar-free = Free
calendar-free-none = no window given for these months
calendar-booked = Booked on
calendar-booked-none = no mission in these months
calendar-request = Candidates of a request
calendar-request-none = None: the experts of the missions shown
calendar-search = Experts of a saved search
calendar-search-none = None
calendar-request-unknown = no such request: choose one of the list
calendar-search-unknown = no such saved search: choose one of the list
calendar-chosen-request = The candidates still in play for the request
calendar-chosen-wanted = wanted { $when }
calendar-chosen-search = The experts found by the saved search
calendar-chosen-left-out = Candidates who declined, were declined by the host, withdrew or let their invitation expire are left out.
calendar-chosen-clear = Show the experts of the missions instead
calendar-chosen-none = No expert to show: the request has no candidate in play, and no saved search finds anyone.
calendar-from-search = found by the saved search “{ $name }”
calendar-wanted-row = Request: { $title }
calendar-wanted-tip = Wanted: { $when }
calendar-wanted-months = show these months
calendar-experts-legend-wanted = The orange band on the first row is the period the request wants.
calendar-view = View
calendar-view-timeline = Timeline
calendar-view-month = Month grid
calendar-more-missions = { $count ->
    [one] one more
   *[other] { $count } more
}
calendar-day-1 = Monday
calendar-day-2 = Tuesday
calendar-day-3 = Wednesday
calendar-day-4 = Thursday
calendar-day-5 = Friday
calendar-day-6 = Saturday
calendar-day-7 = Sunday
calendar-day-short-1 = Mon
calendar-day-short-2 = Tue
calendar-day-short-3 = Wed
calendar-day-short-4 = Thu
calendar-day-short-5 = Fri
calendar-day-short-6 = Sat
calendar-day-short-7 = Sun
