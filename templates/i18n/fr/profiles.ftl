## Navigation
nav-profile = Mon profil
nav-roster = Vivier

## Niveaux CECRL, niveaux de compétence, modalités, titres
cefr-A1 = A1 (débutant)
cefr-A2 = A2 (élémentaire)
cefr-B1 = B1 (intermédiaire)
cefr-B2 = B2 (intermédiaire avancé)
cefr-C1 = C1 (avancé)
cefr-C2 = C2 (maîtrise)
cefr-native = Langue maternelle
cefr-native-short = langue maternelle
skill-level-1 = 1 – notions
skill-level-2 = 2 – intermédiaire
skill-level-3 = 3 – avancé
skill-level-4 = 4 – expert
mode-on_site = Sur place
mode-remote = À distance
mode-either = Sur place ou à distance
credential-kind-degree = Diplôme
credential-kind-licence = Autorisation d'exercer
credential-kind-certification = Certification
credential-status-unverified = Pas encore vérifié
credential-status-verified = Vérifié
credential-status-rejected = Refusé
credential-verify = Vérifier
credential-reject = Refuser
credential-status-saved = Le statut du titre est enregistré.

## Sections du profil
profile-section-identity = Identité et coordonnées
profile-section-diaspora = Liens avec la diaspora
profile-section-experience = Expérience et formation
profile-section-skills = Compétences
profile-section-languages = Langues
profile-section-credentials = Diplômes, autorisations d'exercer et certifications
profile-section-availability = Disponibilités
profile-my-title = Mon profil
profile-status = État du profil
profile-back = Retour au profil
profile-edit = Modifier
profile-saved = Vos modifications sont enregistrées.
profile-created = Le profil est créé. Complétez-le section par section.
profile-confirmed = Merci : votre profil est confirmé à jour.
profile-none-yet = Rien pour l'instant.

## Champs
profile-contact-email = E-mail de contact
profile-contact-email-hint = L'adresse où les coordinateurs et, une fois une invitation acceptée, les institutions d'accueil peuvent vous écrire.
profile-phone = Téléphone
profile-phone-hint = Au format international, par exemple +32 470 12 34 56.
profile-residence = Pays de résidence
profile-origins = Pays d'origine ou d'ascendance
profile-origins-hint = Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.
profile-multi-hint = Maintenez Ctrl (ou Cmd) pour en choisir plusieurs ; aucun, c'est possible.
profile-nationalities = Nationalités
profile-no-travel = Pays où vous ne vous rendrez pas
profile-no-travel-theirs = Pays où l'expert ne se rendra pas
profile-travel-limits = Autres limites de déplacement
profile-travel-limits-hint = Par exemple un titre de séjour en cours de renouvellement, ou des contraintes familiales.
profile-memberships = Organisations de la diaspora dont vous êtes membre
profile-memberships-theirs = Organisations de la diaspora dont l'expert est membre
profile-organisation = Organisation
profile-role-in-organisation = Votre rôle
profile-headline = Titre
profile-headline-hint = Une ligne : ce que vous faites, par exemple « Infirmière anesthésiste, 12 ans en hôpital universitaire ».
profile-summary = Résumé
profile-summary-hint = Quelques phrases sur votre expérience et ce que vous souhaitez transmettre.
profile-years = Années d'expérience professionnelle
profile-sectors = Secteurs
profile-education = Formation
profile-degree = Diplôme
profile-field = Domaine
profile-institution = Établissement
profile-year = Année
profile-work = Parcours professionnel
profile-position = Fonction
profile-employer = Employeur
profile-from-year = De (année)
profile-to-year = À (année)
profile-skills-hint = Tapez une compétence en français ou en anglais : la liste propose les compétences de notre taxonomie (tous leurs noms conviennent). Une compétence inconnue est gardée telle que vous l'écrivez.
profile-skill = Compétence
profile-skill-level = Niveau
profile-skill-years = Années de pratique
profile-skill-free = hors taxonomie
profile-languages-hint = Votre niveau dans chaque langue, à l'oral et à l'écrit, selon l'échelle européenne (A1 à C2), ou langue maternelle.
profile-language = Langue
profile-spoken = Oral
profile-written = Écrit
profile-credentials-hint = Un coordinateur vérifie chaque titre ; modifier un titre vérifié demande une nouvelle vérification.
profile-credential = Titre
profile-credential-kind = Type
profile-credential-title = Intitulé
profile-credential-issuer = Délivré par
profile-credential-number = Numéro
profile-credential-valid-until = Valable jusqu'au
profile-credential-status = Vérification
profile-credential-expired = expiré
profile-availability-hint = Les périodes où vous pourriez partir en mission (ou travailler à distance). Ajoutez-en autant que vous voulez.
profile-window-start = Du
profile-window-end = Au
profile-window-mode = Comment
profile-window-line = du { $from } au { $to }
profile-no-windows = Aucune période indiquée.
profile-max-days = Durée maximale d'une mission (jours)
profile-notice-days = Préavis nécessaire (jours)
profile-remote-now = Je suis disponible dès maintenant pour une aide à distance
profile-remote-now-badge = Disponible dès maintenant à distance

## Complétude, fraîcheur, consentement
profile-completeness = Profil complet à { $percent } %
profile-missing = Il manque encore :
completeness-headline = un titre
completeness-summary = un résumé de quelques phrases
completeness-residence = votre pays de résidence
completeness-origins = vos pays d'origine
completeness-sectors = vos secteurs
completeness-skills = au moins trois compétences
completeness-languages = vos langues
completeness-experience = votre expérience (années et parcours ou formation)
completeness-availability = vos disponibilités
completeness-consent = votre consentement à la mise en relation
profile-consent-yes = Inscrit·e pour la mise en relation
profile-consent-no = Non inscrit·e pour la mise en relation
profile-consent-since = depuis le { $date }
profile-consent-needed = Sans votre consentement, les coordinateurs ne peuvent pas vous proposer pour des missions.
profile-consent-needed-staff = Sans le consentement de l'expert, il ne peut pas être proposé pour des missions.
profile-consent-manage = Gérer mon consentement
profile-stale = À confirmer
profile-fresh = À jour
profile-confirmed-on = Dernière confirmation le { $date }.
profile-never-confirmed = Jamais confirmé.
profile-confirm = Mon profil est à jour
consent-title = Consentement à l'inscription et à la mise en relation
consent-version = Version { $version }
consent-given-on = Vous avez donné votre accord le { $date } (version { $version }).
consent-agree = J'accepte
consent-withdraw = Retirer mon consentement
consent-withdraw-hint = Le retrait vous sort immédiatement de la mise en relation. Votre profil reste, et vous pourrez donner à nouveau votre accord.
consent-new-version = Le texte a changé depuis votre accord. Veuillez le lire et accepter la nouvelle version.
consent-history = Historique
consent-history-granted = accord donné
consent-history-withdrawn = accord retiré
consent-given = Merci : vous êtes désormais inscrit·e pour la mise en relation.
consent-withdrawn = Votre consentement est retiré : vous n'êtes plus proposé·e pour des missions.

## Vos données
profile-data-rights = Vos données
profile-data-rights-text = Téléchargez tout ce que Passerelle conserve sur vous, ou effacez-le définitivement.
profile-download = Télécharger mes données (JSON)
profile-erase = Effacer mes données
profile-data-rights-staff = Les données de l'expert
profile-data-rights-text-staff = À la demande de l'expert, téléchargez tout ce que Passerelle conserve sur lui, ou effacez-le définitivement.
profile-download-staff = Télécharger les données de l'expert (JSON)
profile-erase-staff = Effacer ce profil
erase-title = Effacer les données
erase-warning-own = Cela efface définitivement votre profil et votre compte. C'est irréversible.
erase-warning-staff = Cela efface définitivement le profil et le compte de { $name }, à sa demande. C'est irréversible.
erase-what = Seuls des décomptes anonymes sont gardés (pays, secteurs, nombres de compétences et de langues), pour les statistiques du programme.
erase-confirm = Je comprends que c'est irréversible
erase-password = Votre mot de passe, pour confirmer
erase-submit = Effacer définitivement
erase-done-title = Données effacées
erase-done-own = Votre profil et votre compte sont effacés. Merci pour le temps passé avec Passerelle.
erase-done-staff = Le profil et le compte sont effacés ; seuls des décomptes anonymes subsistent.

## Vivier
roster-title = Vivier d'experts
roster-new = Ajouter un expert
roster-filters = Filtrer le vivier
roster-text = Nom, titre ou e-mail
roster-any = Tous
roster-min-level = Au moins (oral)
roster-available-from = Disponible à partir du
roster-available-to = Disponible jusqu'au
roster-verified = Titre vérifié
roster-awaiting = Titre à vérifier
roster-freshness = Fraîcheur
roster-consent = Consentement
roster-status = État
roster-updated = Mis à jour
roster-count = { $count ->
    [0] Aucun expert
    [one] Un expert
   *[other] { $count } experts
}

## Erreurs de champ
fe-phone-invalid = Écrivez le numéro au format international, par exemple +32 470 12 34 56.
fe-number-range = Ce nombre est hors des limites.
fe-number-invalid = Écrivez un nombre entier.
fe-skill-duplicate = Cette compétence figure deux fois.
fe-skill_level-missing = Choisissez un niveau.
fe-language-duplicate = Cette langue figure deux fois.
fe-language-format = Choisissez une langue dans la liste.
fe-language-unknown = Choisissez une langue dans la liste.
fe-cefr-unknown = Choisissez un niveau dans la liste.
fe-date-format = Écrivez la date au format AAAA-MM-JJ.
fe-date_range-end_before_start = La fin est avant le début.
fe-mode-unknown = Choisissez comment vous pouvez travailler.
fe-credential_kind-unknown = Choisissez un type de titre.
fe-year-before_start = L'année de fin est avant l'année de début.
fe-list-too_long = Trop d'entrées.
fe-erase-unconfirmed = Cochez la case pour confirmer.
fe-consent-unknown_version = Cette version du texte de consentement n'existe pas.

## Emails
email-stale-subject = Votre profil Passerelle est-il toujours à jour ?
email-stale-body = Les coordinateurs de programme s'appuient sur votre profil pour vous proposer des missions. Vérifiez que vos compétences, vos langues et vos disponibilités sont toujours exactes, puis cliquez sur « Mon profil est à jour » :

## Recherche dans le vivier
nav-search = Recherche
search-title = Rechercher dans le vivier
search-query = Que cherchez-vous ?
search-hint = Compétences, métiers, expérience, en français ou en anglais : « infirmière anesthésiste », « solar PV », « sage-femme »…
search-from-text = Rechercher à partir d'un texte
search-from-text-label = Termes de référence, offre d'emploi, courriel…
search-from-text-hint = Les compétences que le texte demande, puis celles qu'il souhaite, deviennent les mots de la recherche ; celles qu'il dit inutiles sont écartées. Vous pouvez modifier les mots avant d'enregistrer la recherche.
search-from-text-submit = Trouver les compétences et rechercher
search-from-text-found = { $count ->
    [one] Une compétence trouvée dans le texte : elle est dans le champ de recherche. Modifiez les mots si besoin, puis enregistrez la recherche.
   *[other] { $count } compétences trouvées dans le texte : elles sont dans le champ de recherche. Modifiez les mots si besoin, puis enregistrez la recherche.
}
search-from-text-none = Aucune compétence de la taxonomie n'a été trouvée dans le texte. Saisissez vous-même les mots de la recherche.
search-sort = Ordre
search-sort-relevance = Les plus pertinents d'abord
search-sort-updated = Les plus récemment mis à jour d'abord
search-sort-experience = Les plus expérimentés d'abord
search-this-quarter = Disponibles ce trimestre
search-consenting = Seulement les experts inscrits pour la mise en relation
search-submit = Rechercher
search-refine = Affiner
search-count = { $count ->
    [0] Aucun expert
    [one] Un expert
   *[other] { $count } experts
}
fe-sort-unknown = Choisissez un ordre dans la liste.

# Compétences lues dans les mots du profil
suggestions-title = Compétences trouvées dans ce que vous avez écrit
suggestions-intro = Votre titre, votre présentation, votre parcours ou vos diplômes citent ces compétences, absentes de votre liste. La mise en relation ne les compte qu'en partie tant qu'elles ne sont pas confirmées. Confirmez chacune avec un niveau, ou écartez-la : une compétence écartée n'est plus proposée.
suggestions-confirm = Ajouter à mes compétences
suggestions-dismiss = Pas la mienne
