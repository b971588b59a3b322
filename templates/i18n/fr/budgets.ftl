# Plans des programmes (type, cibles, budget) et coûts des missions.
programme-plan = Cibles et budget
programme-kind = Type de programme
programme-kind-hint = Ce que fait le programme ; sa page et le tableau de bord l'affichent à côté de son nom.
programme-kind-skills-transfer = Transfert de compétences
programme-kind-training-of-trainers = Formation de formateurs
programme-kind-emergency-relief = Aide d'urgence
programme-kind-placement = Affectations en institution
programme-kind-mapping = Cartographie de la diaspora
programme-kind-capacity-building = Renforcement des capacités
programme-targets-hint = Laissez une cible vide si le programme ne la suit pas. L'avancement se compte sur les missions réalisées.
programme-targets = Cible
programme-target-experts = Experts déployés
programme-target-expert-days = Jours-experts
programme-target-people-trained = Personnes formées
programme-no-target = pas de cible
programme-currency = Devise
programme-currency-hint = Code à trois lettres (EUR, USD, RWF). Tous les montants du programme sont dans cette devise.
programme-budget = Budget
programme-budget-hint = Le total pour les missions, par exemple 250000 ou 250 000,00. Laissez vide s'il n'y a pas de budget.
programme-per-diem = Indemnités journalières par pays
programme-per-diem-hint = Un pays par ligne : son code à deux lettres, puis le taux journalier, par exemple MR 95,50. Les lignes d'indemnités des missions dans ce pays l'utilisent.
programme-no-budget = pas de budget
programme-spent = Dépensé
programme-spent-missions = { $count ->
    [0] aucune mission chiffrée pour l'instant
    [one] sur une mission
   *[other] sur { $count } missions
}
programme-remaining = Reste
programme-overspent = Budget dépassé
programme-costs-csv = Coûts (CSV)
programme-costs-spreadsheet = Coûts pour tableur

costs-link = Coûts
costs-title = Coûts de la mission
costs-currency = Montants en { $currency }, la devise du programme.
costs-lines = Lignes de coût
costs-none = Aucun coût enregistré pour l'instant.
costs-total = Total
costs-add = Enregistrer un coût
costs-add-button = Enregistrer le coût
cost-added = Le coût a été enregistré.
cost-removed = La ligne de coût a été supprimée.
cost-category = Catégorie
cost-category-travel = Voyage
cost-category-per_diem = Indemnités journalières
cost-category-insurance = Assurance
cost-category-fees = Honoraires et frais
cost-category-other = Autre
cost-description = Description
cost-description-hint = Par exemple vol aller-retour Bruxelles–Nouakchott, frais de visa.
cost-quantity = Jours ou unités
cost-days-hint = Vide pour des indemnités : les { $days } jours sur place de la mission ; sinon 1.
cost-unit-amount = Montant par jour ou par unité
cost-rate-hint = Vide pour des indemnités : le taux du programme pour ce pays, { $rate } par jour.
cost-no-rate-hint = Le programme n'a pas de taux d'indemnité pour ce pays : saisissez le taux journalier.
cost-amount = Montant
cost-recorded = Enregistré
cost-remove = Supprimer

fe-amount-format = Saisissez un montant en chiffres avec au plus deux décimales, par exemple 1250 ou 1 250,50.
fe-amount-too_large = Ce montant dépasse le maximum accepté.
fe-currency-format = Saisissez un code de devise à trois lettres, par exemple EUR.
fe-programme-kind_unknown = Choisissez un type de programme dans la liste.
fe-programme-target_range = Saisissez un nombre entier (0 ou plus), ou laissez vide pour aucune cible.
fe-programme-too_many_rates = Trop de taux d'indemnité : 60 au plus.
fe-programme-rate_twice = Ce pays a deux taux : gardez-en un.
fe-cost-category_unknown = Choisissez une catégorie dans la liste.
fe-cost-no_days = La mission n'a pas de jours sur place : saisissez le nombre de jours.
fe-cost-quantity_range = Saisissez un nombre entier de 1 à 400.
fe-cost-no_rate = Le programme n'a pas de taux d'indemnité pour ce pays : saisissez le taux journalier.
fe-cost-too_many = Cette mission a déjà 200 lignes de coût.

export-column-cost_id = Identifiant de la ligne de coût
export-column-category = Catégorie
export-column-description = Description
export-column-quantity = Jours ou unités
export-column-unit_amount = Montant unitaire
export-column-amount = Montant
export-column-currency = Devise
export-column-recorded_at = Enregistré (UTC)

history-mission-cost_add = Coût enregistré
history-mission-cost_remove = Ligne de coût supprimée
programme-by-category = Dépenses par catégorie
dashboard-plans = Les programmes face à leurs cibles et budgets
programme-reached-of-goal = Atteint / objectif

# Traiter une liste de candidats en une fois.
match-bulk-hint = Cochez des experts dans la liste, puis présélectionnez-les tous, ou présélectionnez-les et invitez-les avec une même date de réponse.
match-bulk-shortlist = Présélectionner les experts cochés
match-bulk-reply-by = Réponse attendue le (pour inviter)
match-bulk-invite = Inviter les experts cochés
match-bulk-pick = Sélectionner { $name }
match-bulk-none = Aucun expert n'était coché : rien n'a changé.
match-bulk-shortlisted = Les experts cochés sont présélectionnés.
match-bulk-invited = Les experts cochés sont invités ; chacun est prévenu, avec la date de réponse.
match-bulk-partial = Fait pour une partie des experts cochés ; les autres ne pouvaient pas franchir cette étape maintenant (voir le suivi).

# Le calendrier des missions.
calendar-link = Calendrier des missions
calendar-title = Calendrier des missions
calendar-to-missions = Missions
calendar-month = Premier mois
calendar-months = Nombre de mois
calendar-previous = Plus tôt
calendar-next = Plus tard
calendar-heading = De { $from } à { $to }
calendar-description = Une frise de { $count } missions sur leurs jours prévus, une barre chacune, avec la date du jour marquée.
calendar-none = Aucune mission pendant ces mois.
calendar-legend = Chaque barre est une mission sur ses jours prévus, colorée selon son état ; la ligne verticale est aujourd'hui. Le tableau ci-dessous liste les mêmes missions.
calendar-more = La frise montre les 200 premières des { $count } missions : réduisez les mois ou les filtres.
calendar-expert = Expert·e
calendar-experts-title = Experts : disponibilités et engagements
calendar-experts-description = Une frise de { $count } experts : les périodes où chacun s'est dit disponible, et les missions qui l'engagent.
calendar-experts-legend = Les bandes vert clair sont les périodes où l'expert s'est dit disponible ; les barres de couleur, les missions qui l'engagent, comme ci-dessus.
calendar-experts-cut = Seuls les 40 premiers experts sont dessinés : resserrez les filtres.
calendar-free-tip = Disponible { $days } ({ $mode })
calendar-free = Disponible
calendar-free-none = aucune période indiquée pour ces mois
calendar-booked = Engagé sur
calendar-booked-none = aucune mission ces mois-ci
calendar-request = Candidats d'une demande
calendar-request-none = Aucune : les experts des missions affichées
calendar-search = Experts d'une recherche enregistrée
calendar-search-none = Aucune
calendar-request-unknown = demande introuvable : choisissez-en une dans la liste
calendar-search-unknown = recherche enregistrée introuvable : choisissez-en une dans la liste
calendar-chosen-request = Les candidats encore en lice pour la demande
calendar-chosen-wanted = souhaitée { $when }
calendar-chosen-search = Les experts trouvés par la recherche enregistrée
calendar-chosen-left-out = Les candidats qui ont décliné, ont été refusés par l'hôte, se sont retirés ou ont laissé expirer leur invitation ne sont pas affichés.
calendar-chosen-clear = Afficher plutôt les experts des missions
calendar-chosen-none = Aucun expert à afficher : la demande n'a aucun candidat en lice, et aucune recherche enregistrée ne trouve personne.
calendar-from-search = trouvé par la recherche enregistrée « { $name } »
calendar-wanted-row = Demande : { $title }
calendar-wanted-tip = Période souhaitée : { $when }
calendar-wanted-months = afficher ces mois
calendar-experts-legend-wanted = La bande orange de la première ligne est la période souhaitée par la demande.
calendar-view = Affichage
calendar-view-timeline = Frise
calendar-view-month = Grille du mois
calendar-more-missions = { $count ->
    [one] une de plus
   *[other] { $count } de plus
}
calendar-day-1 = lundi
calendar-day-2 = mardi
calendar-day-3 = mercredi
calendar-day-4 = jeudi
calendar-day-5 = vendredi
calendar-day-6 = samedi
calendar-day-7 = dimanche
calendar-day-short-1 = lun.
calendar-day-short-2 = mar.
calendar-day-short-3 = mer.
calendar-day-short-4 = jeu.
calendar-day-short-5 = ven.
calendar-day-short-6 = sam.
calendar-day-short-7 = dim.
