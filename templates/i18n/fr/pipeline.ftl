# Le parcours des missions : candidats, missions, rapports, évaluations, appels, tableaux de bord (notifications et historique : events.ftl).

history-request-reopen = Rouverte : une mission a été annulée
request-shortlisted = L'expert est sur la liste restreinte.

nav-invitations = Mes invitations
nav-my-missions = Mes missions
nav-candidates-to-approve = Candidats à approuver
nav-candidates = Candidats
nav-missions-to-evaluate = Missions à évaluer
nav-missions = Missions
nav-calls = Appels à experts
nav-dashboard = Tableau de bord
nav-notifications = Notifications

filter-from = Du
filter-to = Au

## Candidats

candidate-status = Statut
candidate-status-shortlisted = Présélectionné
candidate-status-invited = Invité
candidate-status-accepted = A accepté
candidate-status-declined = A décliné
candidate-status-expired = Sans réponse à temps
candidate-status-proposed = Proposé à l'hôte
candidate-status-host_approved = Approuvé par l'hôte
candidate-status-host_declined = Refusé par l'hôte
candidate-status-selected = Retenu
candidate-status-withdrawn = Retiré
candidate-action-shortlisted = Présélectionner
candidate-action-invited = Inviter
candidate-action-accepted = Accepter
candidate-action-declined = Décliner
candidate-action-expired = Marquer comme expirée
candidate-action-proposed = Proposer à l'hôte
candidate-action-host_approved = Approuver cet expert
candidate-action-host_declined = Refuser cet expert
candidate-action-selected = Retenir pour la mission
candidate-action-withdrawn = Retirer
candidate-refusal-unchanged = Le candidat est déjà « { $status } ».
candidate-refusal-no_such_step = Un candidat « { $from } » ne peut pas passer à « { $to } ».
candidate-refusal-not_yours = Un candidat « { $from } » ne passe à « { $to } » que par quelqu'un d'autre.
candidate-refusal-request_not_open = La demande n'est pas ouverte à la mise en relation : elle doit être approuvée.
candidate-refusal-no_free_position = Tous les postes de la demande sont déjà pourvus.
candidate-refusal-expert_booked = L'expert est engagé sur une autre mission à ces dates.
candidate-refusal-deadline_passed = Le délai de réponse à cette invitation est dépassé.
candidate-refusal-reason_required = Veuillez indiquer un motif.
candidate-refusal-reason_too_long = Le motif doit faire au plus { $max } caractères.
candidate-refusal-reason_control = Le motif contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
candidate-refusal-reply_by_required = Une invitation a besoin d'une date limite de réponse.
candidate-refusal-reply_by_out_of_range = La date limite de réponse doit être comprise entre aujourd'hui et dans { $days } jours.
candidate-choose-step = Choisissez une étape.
candidate-title = { $name } pour « { $request } »
candidate-expert = Expert
candidate-request = Demande
candidate-mission = Mission
candidate-reply-by = Réponse attendue le
candidate-reply-by-hint = L'expert reçoit les termes de référence et un rappel deux jours avant cette date ; sans réponse, l'invitation expire le lendemain.
candidate-answer-by = Réponse attendue au plus tard le { $date }
candidate-comment = Commentaire ou motif
candidate-comment-hint = Obligatoire pour décliner ou retirer ; conservé dans l'historique.
candidate-reason = Motif indiqué
candidate-see-mission = Voir la mission
candidate-open-profile = Ouvrir le profil
candidate-consent-active = Profil partagé
candidate-consent-text = L'expert a accepté le { $granted } de partager son profil avec votre institution pour cette demande, jusqu'au { $until }.
candidate-consent-ended = N'est plus partagé
candidate-consent-ended-on = Le profil n'est plus partagé depuis le { $date }.
candidate-record-only = Le consentement de l'expert a pris fin : seul le dossier de la mission est affiché.
candidates-title-staff = Candidats
candidates-title-host = Candidats à approuver
candidates-intro-staff = Les candidats en attente de quelqu'un : la réponse d'un expert, une proposition à l'hôte, la décision de l'hôte, une sélection.
candidates-intro-host = Les experts qui ont accepté de travailler avec vous, proposés par les coordinateurs. Ouvrez-en un pour voir son profil complet, puis approuvez ou refusez.
candidates-waiting = En attente de quelqu'un
candidates-none = Aucun candidat ici.
candidates-count = { $count ->
    [0] Aucun candidat
    [one] Un candidat
   *[other] { $count } candidats
}
pipeline-title = Candidats et missions
pipeline-empty-staff = Aucun candidat pour l'instant. Présélectionnez des experts parmi les candidats classés ou dans la recherche du répertoire.
pipeline-empty-host = Aucun candidat à afficher pour l'instant : vous verrez les experts une fois qu'ils auront accepté de travailler avec vous.
pipeline-find = Candidats classés
pipeline-search-roster = Chercher dans le répertoire
pipeline-calendar = Les disponibilités des candidats sur le calendrier
match-shortlist = Présélectionner
match-in-pipeline = Déjà candidat : { $status }
search-for-request = Présélection pour « { $request } ».
search-back-to-request = Retour à la demande

## Invitations

invitations-title = Mes invitations
invitations-intro = Des institutions de vos pays d'origine font appel à votre expertise. Lisez les termes de référence et répondez avant la date indiquée.
invitations-pending = En attente de votre réponse
invitations-none-pending = Aucune invitation n'attend votre réponse.
invitations-past = Invitations précédentes
invitations-none-past = Rien pour l'instant.
invitations-calls = Appels à experts
invitation-accept = Accepter
invitation-decline = Décliner
invitation-your-answer = Votre réponse
invitation-consent-explained = Si vous acceptez, { $institution } verra votre nom, vos coordonnées et votre profil complet pour cette demande. D'ici là, elle ne voit rien de vous.
invitation-accept-title = Accepter l'invitation
invitation-decline-title = Décliner l'invitation
invitation-consent-statement = En acceptant, j'accepte que { $institution } voie mon nom, mes coordonnées et mon profil complet pour cette demande, jusqu'au { $until }.
invitation-consent-withdrawable = Je peux retirer ce consentement à tout moment depuis la page de l'invitation ; l'hôte ne voit alors plus mon profil.
invitation-confirm-label = J'accepte l'invitation et je partage mon profil avec { $institution }
invitation-confirm-required = Cochez la case pour confirmer que vous acceptez et partagez votre profil.
invitation-accept-confirm = Confirmer et accepter
invitation-decline-reason = Pourquoi déclinez-vous ?
invitation-decline-hint = Un motif court aide le coordinateur (par exemple : pas disponible à ces dates).
invitation-decline-confirm = Décliner l'invitation
invitation-consent-title = Partage de votre profil
invitation-consent-given = Vous avez accepté le { $granted } de partager votre profil avec l'hôte pour cette demande, jusqu'au { $until }.
invitation-consent-withdrawn-on = Vous avez retiré votre consentement le { $date }.
invitation-withdraw-consent = Ne plus partager mon profil
invitation-withdraw-consent-before = Cela retire aussi votre candidature : l'hôte ne peut pas choisir quelqu'un qu'il ne voit pas.
invitation-withdraw-consent-after = La mission continue ; l'hôte ne garde que son dossier (votre nom et les faits de la mission).
invitation-consent-withdrawn = Votre profil n'est plus partagé avec l'hôte.
invitation-no-consent = Il n'y a pas de consentement à retirer.
invitation-withdraw-title = Se retirer de cette mission
invitation-withdraw-reason = Pourquoi vous retirez-vous ?

## Missions

mission-status = Statut
mission-status-planned = Prévue
mission-status-approved = Validée
mission-status-preparing = En préparation
mission-status-in_progress = En cours
mission-status-completed = Terminée
mission-status-reported = Rapport remis
mission-status-evaluated = Évaluée
mission-status-closed = Clôturée
mission-status-cancelled = Annulée
mission-action-planned = Prévoir
mission-action-approved = Valider
mission-action-preparing = Lancer la préparation
mission-action-in_progress = Enregistrer le début
mission-action-completed = Enregistrer la fin
mission-action-reported = Remettre le rapport
mission-action-evaluated = Évaluer
mission-action-closed = Clôturer la mission
mission-action-cancelled = Annuler la mission
mission-refusal-unchanged = La mission est déjà « { $status } ».
mission-refusal-no_such_step = Une mission « { $from } » ne peut pas passer à « { $to } ».
mission-refusal-not_yours = Une mission « { $from } » ne passe à « { $to } » que par quelqu'un d'autre.
mission-refusal-checklist_incomplete = La liste logistique n'est pas complète : chaque élément doit être fait ou sans objet.
mission-refusal-report_missing = Le rapport de l'expert doit d'abord être remis.
mission-refusal-evaluation_missing = L'évaluation de l'hôte doit d'abord être remise.
mission-refusal-date_in_future = La date ne peut pas être postérieure à aujourd'hui.
mission-refusal-end_before_start = La fin ne peut pas précéder le début.
mission-refusal-reason_required = Veuillez indiquer un motif.
mission-refusal-early_end_reason_required = Terminer avant la fin prévue demande un motif.
mission-refusal-comment_too_long = Le commentaire doit faire au plus { $max } caractères.
mission-refusal-comment_control = Le commentaire contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
mission-refusal-booked = L'expert est engagé sur une autre mission à ces dates.
mission-refusal-not-now = Une mission « { $status } » ne peut plus changer cela.
extension-refusal-mission_closed = Cette mission ne peut plus être prolongée.
extension-refusal-not_later = La nouvelle fin doit être postérieure à la fin actuelle.
extension-refusal-reason_required = Une prolongation demande un motif.
extension-refusal-reason_too_long = Le motif est trop long.
extension-refusal-reason_control = Le motif contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
extension-refusal-note_control = La note contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
extension-refusal-pending = Une prolongation attend déjà une décision.
extension-refusal-none-pending = Aucune prolongation n'attend de décision.
extension-status = Décision
extension-status-requested = En attente de décision
extension-status-approved = Acceptée
extension-status-refused = Refusée
extension-decision-approved = acceptée
extension-decision-refused = refusée
extension-until = Jusqu'au
extension-reason = Motif
extension-new-end = Nouveau dernier jour
extension-ask = Demander une prolongation
extension-decision-note = Note (facultative)
extension-approve = Accepter la prolongation
extension-refuse = Refuser
missions-title-staff = Missions
missions-title-expert = Mes missions
missions-title-host = Nos missions
missions-report-due = Rapports à rédiger
missions-to-evaluate = Missions à évaluer
missions-none = Aucune mission ici.
missions-count = { $count ->
    [0] Aucune mission
    [one] Une mission
   *[other] { $count } missions
}
mission-request = Mission
mission-planned = Jours prévus
mission-actual = Jours de la mission
mission-days = du { $start } au { $end }
mission-days-col = Jours
mission-since = Depuis le { $start }
mission-report-due = Rapport attendu
mission-report-due-on = Rapport attendu au plus tard le { $date }
mission-write-report = Rédiger le rapport
mission-evaluate = Évaluer la mission
mission-next = Prochaine étape
mission-next-report = Votre rapport est attendu : décrivez ce que vous avez fait et qui vous avez formé.
mission-next-evaluate = Le rapport de l'expert est arrivé : merci d'évaluer la mission.
mission-next-wait-report = En attente du rapport de l'expert.
mission-next-wait-evaluation = En attente de l'évaluation de l'hôte.
mission-next-status-planned = Un coordinateur va valider la mission.
mission-next-status-approved = La logistique va être préparée.
mission-next-status-preparing = La logistique est en préparation ; la mission commence quand chaque point de la liste est réglé.
mission-next-status-in_progress = La mission est en cours.
mission-next-status-completed = En attente du rapport de l'expert.
mission-next-status-reported = En attente de l'évaluation de l'hôte.
mission-next-status-evaluated = La mission est évaluée ; un coordinateur va la clôturer.
mission-next-status-closed = La mission est clôturée : plus rien à faire.
mission-next-status-cancelled = La mission a été annulée : plus rien à faire.
mission-step-date = Jour du début ou de la fin
mission-step-date-hint = Le jour réel (aujourd'hui, sauf si vous l'enregistrez après coup).
mission-comment = Commentaire ou motif
mission-comment-hint = Obligatoire pour annuler, ou pour terminer avant le dernier jour prévu.
mission-certificate = Attestation de mission (imprimable)
mission-facts = La mission
mission-candidacy = Candidature
mission-see-request = Voir la demande
mission-early-end = Terminée plus tôt parce que
mission-cancel-reason = Annulée parce que
mission-expert-erased = (données de l'expert effacées)
mission-checklist = Liste logistique
mission-phases = Phases
mission-phases-hint = Une mission hybride a au moins une phase sur place et une à distance ; les phases sont comprises dans les jours de la mission et ne se chevauchent pas. Laissez une ligne vide pour la supprimer.
mission-schedule-edit = Modifier les jours et les phases
mission-schedule-save = Enregistrer le calendrier
mission-starts-on = Premier jour
mission-ends-on = Dernier jour
mission-extensions = Prolongations
mission-report = Le rapport de l'expert
mission-evaluation = L'évaluation de l'hôte
mission-created = L'expert est retenu : la mission est prévue.
mission-checklist-saved = La liste logistique a été enregistrée.
mission-schedule-saved = Le calendrier a été enregistré.
mission-extension-asked = La prolongation a été demandée ; un coordinateur décidera.
mission-extension-decided = La décision sur la prolongation a été enregistrée.
mission-report-filed = Merci : votre rapport a été remis.
mission-evaluation-filed = Merci : votre évaluation a été remise.
mission-date-invalid = Indiquez une date au format AAAA-MM-JJ.
checklist-item = Élément
checklist-state = État
checklist-date = Date
checklist-note = Note
checklist-save-all = Enregistrer la liste
checklist-hint = Un point marqué fait sans date est fait aujourd'hui. Seuls les points modifiés sont enregistrés.
checklist-item-visa = Visa
checklist-item-travel = Voyage réservé
checklist-item-insurance = Assurance
checklist-item-per_diem = Avance sur per diem
checklist-item-accommodation = Hébergement
checklist-item-security_briefing = Briefing de sécurité
checklist-item-focal_point = Point focal chez l'hôte
checklist-state-todo = À faire
checklist-state-done = Fait
checklist-state-not_applicable = Sans objet
phase-kind = Type
phase-days = Jours
phase-count = Nombre de jours
phase-kind-on_site = Sur place
phase-kind-remote = À distance
phase-n-kind = Phase { $n } : type
phase-n-start = Phase { $n } : premier jour
phase-n-end = Phase { $n } : dernier jour

## Rapports et évaluations

report-title = Rapport sur « { $mission } »
report-intro = Dites au programme ce que la mission a accompli : c'est ce que lisent l'hôte, les coordinateurs et le bailleur.
report-due-text = Il est attendu au plus tard le { $date }.
report-activities = Activités
report-activities-hint = Ce que vous avez fait, avec qui, et ce qui a changé.
report-people = Personnes formées
report-people-hint = Comptez chaque personne une fois. Pour une formation de formateurs, indiquez les formateurs que vous avez formés, et les élèves qu'ils atteignent.
report-role = Rôle
report-women = Femmes
report-men = Hommes
report-unspecified = Non précisé
report-total = Total
report-role-trainers = Formateurs et enseignants
report-role-trainers-hint = formés pour former à leur tour
report-role-staff = Personnel de l'hôte
report-role-staff-hint = formé directement (infirmiers, techniciens, agents…)
report-role-students = Élèves atteints
report-role-students-hint = par l'intermédiaire des formateurs
report-role-others = Autres personnes formées
report-role-others-hint = toute autre personne formée directement
report-institutions-reached = Institutions atteintes
report-deliverables = Livrables
report-recommendations = Recommandations
report-recommendations-hint = Ce que l'hôte ou le programme devrait faire ensuite.
report-submit = Remettre le rapport
report-filed-on = Remis le { $moment }
report-people-caption = { $trained ->
    [0] aucune personne formée
    [one] une personne formée
   *[other] { $trained } personnes formées
}, { $reached ->
    [0] aucune atteinte par leur intermédiaire
    [one] une atteinte par leur intermédiaire
   *[other] { $reached } atteintes par leur intermédiaire
}
report-institutions-reached-count = { $count ->
    [0] Aucune institution atteinte
    [one] Une institution atteinte
   *[other] { $count } institutions atteintes
}
evaluation-title = Évaluation de « { $mission } »
evaluation-intro = Comment s'est passée la mission de { $expert } ? Vos notes comptent dans le dossier de l'expert et aident le programme.
evaluation-criterion = Critère
evaluation-rating = Note
evaluation-criterion-quality = Qualité du travail
evaluation-criterion-quality-hint = L'expertise et le soin apportés au travail.
evaluation-criterion-transfer = Transfert de compétences
evaluation-criterion-transfer-hint = Votre personnel sait-il maintenant faire ce qu'il a appris, sans l'expert ?
evaluation-criterion-communication = Communication
evaluation-criterion-communication-hint = Avec votre personnel et votre direction.
evaluation-criterion-reliability = Fiabilité
evaluation-criterion-reliability-hint = Ponctualité, engagements tenus.
evaluation-criterion-relevance = Adéquation à vos besoins
evaluation-criterion-relevance-hint = Dans quelle mesure la mission a répondu aux termes de référence.
evaluation-out-of-five = { $rating }/5
evaluation-comments = Commentaires
evaluation-submit = Remettre l'évaluation
evaluation-filed-on = Remise le { $moment }
evaluation-average = Note moyenne : { $rating }/5

## Attestation

certificate-title = Attestation de mission
certificate-print-hint = Ou imprimez cette page avec la commande Imprimer de votre navigateur.
document-download-pdf = Télécharger en PDF
certificate-certifies = Nous attestons que
certificate-carried-out = a effectué la mission « { $mission } » pour { $institution }.
certificate-expert-days = Jours d'expertise
certificate-days-split = { $on_site } sur place, { $remote } à distance
certificate-impact = Impact
certificate-impact-text = { $trained ->
    [0] aucune personne formée
    [one] une personne formée
   *[other] { $trained } personnes formées
}, { $reached ->
    [0] aucune atteinte par leur intermédiaire
    [one] une atteinte par leur intermédiaire
   *[other] { $reached } atteintes par leur intermédiaire
}
certificate-funder = Avec le soutien de
certificate-issued = Délivrée le { $date }
certificate-reference = Référence { $reference }

## Appels à experts et recherches enregistrées

calls-title = Appels à experts
calls-intro = Des appels urgents envoyés à une partie du répertoire (une recherche enregistrée), par exemple du personnel médical pour une riposte à une épidémie. Les experts intéressés peuvent être présélectionnés pour une demande.
calls-new = Envoyer un appel
calls-new-search = Chercher dans le répertoire et enregistrer une recherche
calls-sent = Appels envoyés
calls-none = Aucun appel envoyé pour l'instant.
call-title = Titre
call-title-hint = Ce qu'il faut, où, quand : par ex. « Riposte au choléra : médecins et infirmiers pour Conakry, quatre semaines ».
call-message = Message
call-search = Experts à appeler (recherche enregistrée)
call-search-hint = L'appel va aux experts consentants que la recherche trouve maintenant (200 au plus).
call-request = Demande à pourvoir
call-request-hint = Les réponses pourront être présélectionnées pour cette demande.
call-reply-by = Réponse attendue le
call-reply-by-text = Réponse attendue au plus tard le { $date }
call-send = Envoyer l'appel
call-form-intro = Les experts qui ont un compte reçoivent l'appel dans leurs notifications (et par courriel s'ils l'ont choisi).
call-form-no-search = Aucune recherche enregistrée pour l'instant.
call-sent-on = Envoyé le
call-answers = Réponses
call-answer-counts = { $interested } intéressés sur { $recipients }
call-answer = Réponse
call-answer-pending = Pas encore de réponse
call-answer-interested = Intéressé
call-answer-not_available = Pas disponible
call-answer-interested-button = Je suis intéressé
call-answer-not_available-button = Je ne suis pas disponible
call-answer-it = Répondre
call-your-answer = Votre réponse
call-note = Note
call-open = Ouvert
call-closed = Clos
call-close = Clore l'appel
call-recipients = Experts appelés
call-sent = { $count ->
    [0] L'appel a été enregistré, mais la recherche n'a trouvé aucun expert consentant.
    [one] L'appel a été envoyé à un expert.
   *[other] L'appel a été envoyé à { $count } experts.
}
call-answered = Merci : votre réponse a été enregistrée.
call-closed-notice = L'appel est clos.
searches-title = Recherches enregistrées
searches-none = Aucune recherche enregistrée : cherchez dans le répertoire, puis enregistrez la recherche.
search-name = Nom
search-criteria = Critères
search-run = Lancer
search-calendar = Disponibilités
search-send-call = Envoyer un appel
search-delete = Supprimer
search-deleted = La recherche enregistrée a été supprimée.
search-save = Enregistrer cette recherche
search-save-hint = Un nom pour la retrouver, par ex. « Infirmiers d'origine guinéenne, français ».
search-save-button = Enregistrer la recherche
search-saved-origin = originaires de { $country }
search-saved-available = disponibles du { $start } au { $end }

## Tableau de bord, rapport de programme, exports

dashboard-title = Tableau de bord
dashboard-intro = Les demandes et les missions dont les jours tombent dans la période, et ce qu'elles ont accompli. Chaque graphique a son tableau.
dashboard-filters = Filtres du tableau de bord
dashboard-key-figures = Chiffres clés
dashboard-missions-deployed = missions réalisées
dashboard-experts-deployed = experts déployés
dashboard-days-on-site = jours d'expertise sur place
dashboard-days-remote = jours d'expertise à distance
dashboard-trained = personnes formées
dashboard-reached = personnes atteintes par leur intermédiaire
dashboard-rating = note moyenne des hôtes
dashboard-rating-value = { $rating }/5 ({ $count ->
    [one] une évaluation
   *[other] { $count } évaluations
})
dashboard-days-to-staff = de l'approbation à la dotation
dashboard-days-to-staff-value = { $days } jours ({ $count ->
    [one] une demande
   *[other] { $count } demandes
})
dashboard-by-status = Demandes et missions par état
dashboard-requests-by-status = Demandes par état
dashboard-missions-by-status = Missions par état
dashboard-count = Nombre
dashboard-per-month = Mois par mois
dashboard-missions-per-month = Missions commençant chaque mois
dashboard-expert-days = Jours d'expertise chaque mois, sur place et à distance
dashboard-months-table = Missions et jours d'expertise par mois
dashboard-month = Mois
dashboard-per-year = Année par année
dashboard-missions-per-year = Missions commençant chaque année
dashboard-years-table = Missions et jours d'expertise par année
dashboard-year = Année
dashboard-missions = Missions
dashboard-on-site = Sur place
dashboard-remote = À distance
dashboard-people = Personnes formées et atteintes, par rôle
dashboard-people-table = Personnes formées et atteintes, par rôle et par sexe
dashboard-programme-report = Rapport de programme (imprimable)
export-missions = Exporter les missions (CSV)
export-requests = Exporter les demandes (CSV)
export-roster = Exporter le répertoire (CSV)
export-for-spreadsheets = pour un tableur (Excel, LibreOffice)
export-yes = oui
export-no = non
export-column-mission_id = Identifiant de la mission
export-column-programme = Programme
export-column-request = Demande
export-column-host_institution = Institution d'accueil
export-column-country = Pays
export-column-city = Ville
export-column-sector = Secteur
export-column-expert = Expert
export-column-status = Statut
export-column-mode = Modalité
export-column-planned_start = Début prévu
export-column-planned_end = Fin prévue
export-column-actual_start = Début effectif
export-column-actual_end = Fin effective
export-column-expert_days_on_site = Jours-expert sur place
export-column-expert_days_remote = Jours-expert à distance
export-column-people_trained = Personnes formées
export-column-people_reached = Personnes atteintes
export-column-institutions_reached = Institutions atteintes
export-column-report_filed_at = Rapport déposé (UTC)
export-column-host_rating = Note de l'hôte (1 à 5)
export-column-early_end_reason = Motif de fin anticipée
export-column-cancel_reason = Motif d'annulation
export-column-request_id = Identifiant de la demande
export-column-title = Titre
export-column-timing = Calendrier
export-column-starts_on = Premier jour
export-column-ends_on = Dernier jour
export-column-duration_days = Durée (jours)
export-column-urgency = Urgence
export-column-positions = Postes
export-column-created_at = Créée le (UTC)
export-column-status_changed_at = Statut changé le (UTC)
export-column-expert_id = Identifiant de l'expert
export-column-name = Nom
export-column-headline = Titre du profil
export-column-residence_country = Pays de résidence
export-column-origin_countries = Pays d'origine
export-column-sectors = Secteurs
export-column-consents_to_matching = Consent à la mise en relation
export-column-confirmed_at = Profil confirmé le (UTC)
export-column-verified_credentials = Titres vérifiés
export-column-credentials_awaiting_review = Titres à vérifier
export-column-updated_at = Mis à jour le (UTC)
report-programme-title = Rapport de programme
report-programme-period = Période
report-programme-scope = Périmètre
report-programme-issued = Établi le
report-programme-missions = Missions
report-pdf-days = Jours sur place / à distance
report-pdf-people = Formées / atteintes
report-pdf-rating = Note
report-programme-recommendations = Recommandations des experts
profile-section-missions = Missions
profile-missions-done = { $count ->
    [0] Aucune mission réalisée pour l'instant.
    [one] Une mission réalisée.
   *[other] { $count } missions réalisées.
}
profile-missions-rating = note moyenne des hôtes { $rating }/5 ({ $count ->
    [one] une évaluation
   *[other] { $count } évaluations
})

## Comment un candidat répond à la demande (page du candidat)
fit-title = Comment le candidat répond à la demande
fit-intro = Ce que la demande « { $request } » demande, à côté de ce que dit le profil du candidat. Aucune coordonnée n'est montrée ici.
fit-asked = Demandé
fit-theirs = Le candidat
fit-verdict = Satisfait ?
fit-met = Oui
fit-below = Sous le niveau demandé
fit-missing = Absent du profil
fit-dates = Dates
fit-dates-covered = Disponible pour toute la mission ({ $periods })
fit-dates-partly = Disponible pour une partie de la mission seulement ({ $periods })
fit-dates-outside = Aucune des périodes indiquées ne rencontre les jours de la mission
fit-dates-not-given = Aucune période de disponibilité indiquée
fit-evaluations = Évaluations passées
fit-rating = Noté { $rating }/5 par les hôtes { $count ->
    [one] d'une mission précédente
   *[other] de { $count } missions précédentes
}
fit-no-evaluation = Aucune mission évaluée pour l'instant
mission-refusal-licence_unverified = L'autorisation d'exercer de l'expert n'est pas vérifiée, ou n'est pas valable jusqu'à la fin de la mission : un coordinateur la vérifie sur le profil avant le départ.
