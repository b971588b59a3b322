## Navigation
nav-our-requests = Nos demandes
nav-review-queue = Demandes
nav-programmes = Programmes
nav-institutions = Institutions

## Listes en général
filter-any = Indifférent
filter-apply = Filtrer
form-cancel = Annuler

## Institutions
institutions-title = Institutions d'accueil
institutions-new = Ajouter une institution
institutions-search = Nom ou ville
institutions-count = Institutions trouvées : { $count }
institutions-none = Aucune institution ne correspond à ces filtres.
institution-name = Nom de l'institution
institution-kind = Type d'institution
institution-place = Lieu
institution-sectors = Secteurs
institution-website = Site web
institution-description = Description
institution-contact = Personne de contact
institution-phone = Téléphone
institution-about = À propos de l'institution
institution-edit = Modifier la description
institution-edit-title = Modifier { $name }
institution-members = Membres
institution-created = L'institution a été ajoutée.
institution-saved = La description a été enregistrée.
institution-verification = Vérification
institution-verification-unverified = Pas encore vérifiée
institution-verification-verified = Vérifiée
institution-verification-rejected = Refusée
institution-verified-by = par { $name }
institution-verify-title = Vérification
institution-verify-intro = Vérifiez que l'institution existe et que ses membres en font partie (site officiel, appel téléphonique, partenaire du programme). Seules les demandes d'une institution vérifiée peuvent être approuvées.
institution-verify-comment = Note pour le dossier
institution-verify-verified = Marquer comme vérifiée
institution-verify-rejected = Refuser
institution-verify-unverified = Revenir à « pas encore vérifiée »
institution-verify-choose = Choisissez une décision : vérifiée, refusée ou pas encore vérifiée.
institution-verified-done = L'institution est maintenant vérifiée.
institution-rejected-done = L'institution a été refusée.
institution-unverified-done = L'institution est de nouveau « pas encore vérifiée ».
institution-requests = Demandes de mission
institution-requests-count = Les 20 plus récentes des { $count } demandes sont listées.

## Programmes
programmes-title = Programmes
programmes-intro = Les programmes dans lesquels travaillent les coordinateurs. Chaque demande de mission appartient à l'un d'eux.
programmes-new = Nouveau programme
programmes-none = Il n'y a pas encore de programme.
programme-code = Code
programme-code-hint = De 2 à 30 majuscules, chiffres et tirets, par exemple MIDA-GL-2026.
programme-name = Nom
programme-description = Description
programme-name-and-description = Nom et description
programme-languages-hint = Rédigez-les en anglais, en français ou dans les deux langues : chacun les lit dans sa langue, ou dans l'autre quand la sienne manque. Le nom est requis dans une langue au moins.
programme-name-en = Nom en anglais
programme-name-fr = Nom en français
programme-description-en = Description en anglais
programme-description-fr = Description en français
programme-funder = Bailleur ou financeur
programme-funder-hint = Qui finance le programme, par exemple la coopération belge au développement.
programme-countries = Pays couverts
programme-countries-hint = Codes de pays à deux lettres séparés par des virgules, par exemple CD, RW, BI.
programme-sectors = Secteurs
programme-period = Période
programme-starts-on = Date de début
programme-ends-on = Date de fin
programme-status = Statut
programme-status-hint = Un programme clôturé n'accepte plus de nouvelles demandes ; ses demandes restent telles quelles.
programme-status-active = Actif
programme-status-closed = Clôturé
programme-about = À propos du programme
programme-edit = Modifier le programme
programme-created = Le programme a été créé.
programme-saved = Le programme a été enregistré.
programme-requests = Demandes de ce programme
programme-our-requests = Nos demandes dans ce programme

## Listes de demandes
requests-ours-title = Nos demandes de mission
requests-ours-intro = L'expertise demandée par votre institution, et où en est chaque demande.
requests-queue-title = Demandes de mission
requests-queue-intro = Les demandes à examiner, les urgentes d'abord, puis celles qui attendent depuis le plus longtemps. Ouvrez une demande pour la lire en entier, ou examinez-la d'ici.
requests-new = Nouvelle demande de mission
requests-search = Titre ou institution
requests-count = Demandes trouvées : { $count }
requests-none = Aucune demande ne correspond à ces filtres.
requests-review = Examiner

## Une demande
request-status = Statut
request-status-draft = Brouillon
request-status-submitted = Soumise pour examen
request-status-changes_requested = Modifications demandées
request-status-approved = Approuvée — ouverte à la mise en relation
request-status-staffed = Pourvue
request-status-closed = Clôturée
request-status-cancelled = Annulée
request-since = depuis le { $moment }
request-when = Quand
request-institution = Institution
request-place = Lieu
request-place-remote = À distance
request-terms = Termes de référence
request-profile = Expertise recherchée
request-skills = Compétences
request-skill = Compétence
request-requirement = Exigence
request-requirement-must_have = Indispensable
request-requirement-nice_to_have = Souhaitable
request-min-level = Niveau minimum
request-level-1 = 1 — notions
request-level-2 = 2 — intermédiaire
request-level-3 = 3 — avancé
request-level-4 = 4 — expert
request-languages = Langues
request-language = Langue
request-min-cefr = Niveau minimum (CECRL)
request-origins = Pays d'origine souhaités
request-mode-on_site = Sur place
request-mode-remote = À distance
request-mode-hybrid = Hybride : en partie sur place, en partie à distance
request-mode-hybrid-text = Hybride, dont { $days } sur place
request-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
request-timing-fixed = Dates fixes
request-timing-flexible = Période flexible
request-timing-fixed-text = du { $start } au { $end } ({ $duration })
request-timing-flexible-text = { $duration } entre le { $start } et le { $end }
request-positions-count = { $count ->
    [one] un expert
   *[other] { $count } experts
}
request-urgency-normal = Normale
request-urgency-urgent = Urgente
request-urgency-urgent-hint = Urgente : le besoin est pressant (par exemple une urgence médicale)
request-created = La demande a été enregistrée comme brouillon. Soumettez-la pour examen quand elle est prête.
request-saved = La demande a été enregistrée.
request-moved = La demande est maintenant : { $status }.
request-next-steps = Ce que vous pouvez faire
request-edit = Modifier les termes de référence
request-comment = Commentaire
request-comment-hint = Dites pourquoi quand vous demandez des modifications ou annulez ; l'institution et les coordinateurs le lisent dans l'historique.
request-step-refused = Cette étape n'a pas été franchie
request-choose-step = Choisissez que faire de la demande.
request-changes-asked = Le coordinateur a demandé ces modifications :
request-cancel-reason = Annulée parce que :
request-awaiting-verification = Cette institution n'est pas encore vérifiée : ses demandes ne pourront être approuvées qu'une fois qu'elle le sera.
request-verify-institution = Aller à l'institution
request-history = Historique
request-by-system = Passerelle
history-request-create = Créée comme brouillon
history-request-create_on_behalf = Saisie pour le compte de l'institution
history-request-take_over = Reprise par l'institution
history-request-edit = Modifiée
request-history-changed = Modifié : { $fields }
history-request-submit = Soumise pour examen
history-request-request_changes = Modifications demandées
history-request-approve = Approuvée
history-request-staff = Tous les postes pourvus
history-request-close = Clôturée
history-request-cancel = Annulée
request-action-submitted = Soumettre pour examen
request-action-changes_requested = Demander des modifications
request-action-approved = Approuver
request-action-staffed = Marquer comme pourvue
request-action-closed = Clôturer la demande
request-action-cancelled = Annuler la demande
request-refusal-unchanged = La demande est déjà « { $status } ».
request-refusal-no_such_step = Une demande « { $from } » ne peut pas devenir « { $to } ».
request-refusal-not_yours = Faire passer une demande de « { $from } » à « { $to } » ne vous revient pas.
request-refusal-institution_not_verified = L'institution n'est pas encore vérifiée : un coordinateur doit la vérifier avant que ses demandes puissent être approuvées.
request-refusal-comment_required = Veuillez en donner la raison dans le commentaire.
request-refusal-comment_too_long = Le commentaire est trop long ({ $max } caractères au plus).
request-refusal-comment_control = Le commentaire contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
request-not-editable-text = La demande ne peut pas être modifiée tant qu'elle est « { $status } ».

## Le formulaire de demande
request-edit-title = Modifier « { $title } »
request-form-intro = Décrivez l'expertise dont vous avez besoin. Un coordinateur du programme examine la demande avant que des experts soient recherchés.
request-section-need = Le besoin
request-section-place = Lieu et modalité
request-section-timing = Quand
request-section-staffing = Urgence et équipe
request-field-programme-id = Programme
request-programme-hint = Le programme dont relève cette mission.
request-field-title = Titre
request-title-hint = Un nom court pour la mission, par exemple « Formation de formateurs en installation photovoltaïque ».
request-field-sector = Secteur
request-field-description = Description
request-description-hint = Le contexte : votre institution, les personnes qui travailleront avec l'expert, ce qui existe aujourd'hui.
request-field-objectives = Objectifs
request-field-deliverables = Résultats attendus
request-deliverables-hint = Ce qui doit exister à la fin : personnes formées, documents, équipements installés…
request-field-skills = Compétences
request-field-languages = Langues
request-field-preferred-origins = Pays d'origine souhaités
request-field-place = Lieu
request-field-mode = Modalité
request-field-timing = Dates
request-field-urgency = Urgence
request-field-positions = Nombre d'experts
request-positions-hint = Combien d'experts la mission demande.
request-field-host-provides = Ce que l'institution d'accueil fournit
request-host-provides-hint = Par exemple : hébergement, transport local, interprète, espace de travail.
request-field-days-on-site = Jours sur place
request-days-on-site-hint = Pour une mission hybride : combien de jours de la mission se passent sur place.
request-skills-hint = Tapez une compétence et choisissez-la parmi les suggestions. Marquez-en au moins une comme indispensable. Laissez vides les lignes inutiles.
request-skill-n = Compétence { $n }
request-languages-hint = Les langues que l'expert doit parler, avec le niveau minimum. Laissez vides les lignes inutiles.
request-language-n = Langue { $n }
request-origins-hint = Les experts originaires de ces pays sont préférés ; les autres ne sont pas exclus.
request-origin-n = Pays { $n }
request-place-hint = Une mission sur place ou hybride demande un pays et une ville ; une mission à distance n'en demande pas.
request-timing-hint = Choisissez des dates fixes, ou une période pendant laquelle la mission peut avoir lieu ; remplissez les champs de l'option choisie.
request-timing-fixed-hint = La mission a lieu ces jours-là.
request-timing-flexible-hint = La mission dure tant de jours, au moment choisi par l'expert dans la période : par exemple 15 jours entre le 1er mars et le 30 avril.
request-start = Premier jour
request-end = Dernier jour
request-duration-days = Durée (jours)
request-window-start = Début de la période
request-window-end = Fin de la période
request-save-draft = Enregistrer comme brouillon
request-save = Enregistrer
request-save-submit = Enregistrer et soumettre pour examen

## Erreurs de champ (par code)
fe-request-programme_unknown = Choisissez un programme dans la liste.
fe-request-programme_closed = Ce programme n'accepte plus de nouvelles demandes ; choisissez-en un autre.
fe-request-sector_unknown = Choisissez un secteur dans la liste.
fe-request-skill_unknown = Aucune compétence de la liste ne porte ce nom : choisissez-en une parmi les suggestions.
fe-request-skill_duplicate = Cette compétence figure déjà dans la liste.
fe-request-requirement_unknown = Choisissez indispensable ou souhaitable.
fe-request-level_range = Choisissez un niveau de 1 (notions) à 4 (expert).
fe-request-must_have_required = Marquez au moins une compétence comme indispensable.
fe-request-too_many = Trop de lignes ({ $max } au plus).
fe-request-language_format = Choisissez une langue dans la liste.
fe-request-language_unknown = Choisissez une langue dans la liste.
fe-request-language_duplicate = Cette langue figure déjà dans la liste.
fe-request-cefr_unknown = Choisissez un niveau de A1 à C2, ou langue maternelle.
fe-request-country_format = Choisissez un pays dans la liste.
fe-request-country_unknown = Choisissez un pays dans la liste.
fe-request-mode_unknown = Choisissez sur place, à distance ou hybride.
fe-request-timing_unknown = Choisissez des dates fixes ou une période flexible.
fe-request-urgency_unknown = Choisissez normale ou urgente.
fe-request-number_range = Saisissez un nombre entier de 1 à { $max }.
fe-request-date_format = Saisissez une date au format AAAA-MM-JJ, par exemple 2027-03-01.
fe-request-end_before_start = La fin ne peut pas précéder le début.
fe-request-too_long_period = La période est trop longue ({ $max } jours au plus).
fe-request-duration_exceeds_window = La durée ne tient pas dans la période : choisissez moins de jours ou une période plus large.
fe-request-place_required = Une mission sur place ou hybride demande ce champ.
fe-programme-code_format = Utilisez de 2 à 30 majuscules, chiffres et tirets.
fe-programme-code_taken = Un autre programme a déjà ce code.
fe-programme-name_required = Indiquez le nom du programme en anglais, en français ou dans les deux langues.
fe-programme-country_format = Utilisez des codes de pays à deux lettres, par exemple CD, RW.
fe-programme-country_unknown = Ce n'est pas un code de pays.
fe-programme-sector_unknown = Choisissez des secteurs dans la liste.
fe-programme-date_format = Saisissez une date au format AAAA-MM-JJ, par exemple 2027-03-01.
fe-programme-end_before_start = La date de fin ne peut pas précéder la date de début.
fe-programme-status_unknown = Choisissez actif ou clôturé.
missions-error-at = { $field } : { $message }

## Candidats (mise en relation)
match-title = Candidats pour « { $request } »
match-intro = Les experts qui satisfont toutes les exigences impératives (consentement, langues, disponibilité, pas d'autre mission aux mêmes dates, et leurs propres limites : pays, durée de mission, préavis), les meilleurs d'abord ; ceux qui possèdent toutes les compétences indispensables passent avant les correspondances partielles. Chaque score est la somme des points affichés.
match-adjust = Ajuster la recherche
match-limit = Combien
match-widen = Élargir les dates de (jours, de chaque côté)
match-relax-languages = Accepter un niveau de langue de moins
match-search = Relancer la recherche
match-none = Aucun expert ne satisfait toutes les exigences. Essayez d'élargir les dates ou d'accepter un niveau de langue inférieur.
match-top = Meilleurs candidats
match-all = Tous les candidats, avec filtres
match-score = { $score } points
match-why = Pourquoi { $name } est à ce rang
match-criterion = Critère
match-points = Points
match-criterion-must = Compétences indispensables
match-criterion-nice = Compétences souhaitées
match-criterion-languages = Niveaux de langue au-delà de l'exigence
match-criterion-availability = Disponibilité (plus tôt dans la période, c'est mieux)
match-criterion-origin = Originaire du pays de la mission (ou d'un pays souhaité)
match-criterion-sector = Secteur
match-criterion-experience = Années d'expérience
match-criterion-credentials = Titres vérifiés
match-criterion-freshness = Profil non confirmé récemment
match-criterion-evaluations = Évaluations d'institutions d'accueil
match-criterion-text = Formulation du profil
match-must = indispensable
match-nice = souhaitée
match-skill-has = { $skill } : niveau { $level }
match-skill-below = { $skill } : niveau { $level } (en dessous du niveau demandé)
match-skill-missing = { $skill } : absente
match-language = { $language } : { $margin ->
    [0] au niveau demandé
    [one] un niveau au-delà de l'exigence
   *[other] { $margin } niveaux au-delà de l'exigence
}
match-slot = Disponible du { $from } au { $to }
match-origin = Originaire du pays de la mission
match-verified = { $count ->
    [one] Un titre vérifié
   *[other] { $count } titres vérifiés
}
match-rating = Noté { $rating }/5 par les institutions ({ $count ->
    [one] une évaluation
   *[other] { $count } évaluations
})
match-stale = Profil à confirmer
match-relax-travel = Inclure les experts qui ne se rendraient pas dans ce pays
match-relax-length = Inclure les experts dont la mission la plus longue est plus courte
match-relax-notice = Inclure les experts qui demandent un préavis plus long
match-full-count = { $full ->
    [one] Un candidat sur { $count } possède toutes les compétences indispensables ; il vient en premier.
   *[other] { $full } candidats sur { $count } possèdent toutes les compétences indispensables ; ils viennent en premier.
}
match-skill-close-narrower = { $skill } : maîtrise { $other }, qui en est une spécialité
match-skill-close-related = { $skill } : maîtrise { $other }, une compétence voisine
match-skill-close-broader = { $skill } : maîtrise { $other }, une compétence plus générale
match-skill-listed = { $skill } : dans sa liste de compétences, en ses propres mots
match-skill-mentioned = { $skill } : cité dans le texte du profil, pas dans la liste de compétences (non confirmé)
match-relaxed-travel = A indiqué ne pas se rendre dans ce pays (filtre assoupli pour cette recherche)
match-relaxed-length = Mission plus longue que celles qu'il ou elle accepte (filtre assoupli pour cette recherche)
match-relaxed-notice = Commence avant la fin du préavis demandé (filtre assoupli pour cette recherche)
match-near-title = Écartés par un filtre
match-near-intro = Ces experts possèdent les compétences indispensables mais ne remplissent pas l'une des exigences. Un clic relance la recherche avec cette exigence assouplie.
match-fails-language = { $language } en dessous de { $level }
match-fails-language-none = Ne parle pas { $language }
match-fails-dates = Pas disponible à ces dates
match-fails-booked = Déjà pris par une autre mission
match-fails-travel = Ne se rend pas dans ce pays
match-fails-length = Mission plus longue que celles qu'il ou elle accepte
match-fails-notice = Demande un préavis plus long
match-fix-languages = Accepter un niveau de langue inférieur
match-fix-dates = Élargir les dates de 14 jours
match-fix-travel = Inclure ceux qui ne se rendraient pas ici
match-fix-length = Inclure les experts des missions plus courtes
match-fix-notice = Inclure ceux qui demandent plus de préavis

## La liste des candidats : une ligne par candidat
match-col-rank = Rang
match-col-candidate = Candidat
match-col-score = Score
match-col-must = Indispensables
match-col-languages = Langues
match-col-availability = Disponible
match-col-origin = Origine
match-col-flags = Remarques
match-must-met = { $met } sur { $total }
match-slot-short = { $from } – { $to }
match-explain = Pourquoi ce rang
request-timing-fixed-short = { $start } – { $end } · { $duration }
request-timing-flexible-short = { $duration } · { $start } – { $end }
match-nobody-meets = Personne ne possède toutes les compétences indispensables de cette demande. Les candidats ci-dessous ne correspondent qu'en partie : lisez ce qui manque à chacun avant de les présélectionner, ou voyez plus bas les experts écartés par un filtre.
match-near-misses = Correspondances partielles : une compétence indispensable manquante, en dessous du niveau demandé, seulement voisine ou seulement citée dans le texte du profil

# Compétences lues dans les termes de référence (deuxième étape du formulaire)
request-find-skills = Trouver les compétences dans la description
request-skills-found = { $count ->
    [one] Une compétence trouvée dans la description a été ajoutée ci-dessous : vérifiez son exigence et son niveau, effacez-la si elle ne convient pas, puis enregistrez.
   *[other] { $count } compétences trouvées dans la description ont été ajoutées ci-dessous : vérifiez leur exigence et leur niveau, effacez celles qui ne conviennent pas, puis enregistrez.
}
request-skills-found-none = Aucune compétence de la taxonomie n'a été trouvée dans la description : saisissez les compétences ci-dessous.
request-skills-found-held = Les compétences que nomme la description figurent déjà dans les lignes ci-dessous.
