# Opérations des programmes : demandes saisies pour le compte d'une institution, page d'accueil
# de chaque rôle, notifications sur les demandes et les institutions, fuseaux horaires,
# inscription des experts.

## Demandes saisies pour le compte d'une institution
request-on-behalf-legend = Pour quelle institution
request-on-behalf-hint = Vous saisissez cette demande pour le compte de l'institution (une demande reçue par courriel ou sur papier). Ses membres la voient aussitôt et peuvent la reprendre.
request-on-behalf-note = Saisie pour le compte de { $institution } par { $name }
request-taken-over-note = Reprise par { $name }, { $moment }.
request-take-over = Reprendre cette demande
request-take-over-hint = Un coordinateur a rédigé cette demande pour votre institution. Reprenez-la pour en faire la vôtre : vous la soumettrez alors vous-mêmes.
request-taken-over = La demande est désormais celle de votre institution.
request-not-held = Cette demande n'a pas été saisie pour votre compte, ou elle a déjà été reprise.
request-history-create_on_behalf = Saisie pour le compte de l'institution
request-history-take_over = Reprise par l'institution

## Notifications
notification-request_on_behalf = { $detail } a saisi la demande « { $title } » pour le compte de votre institution. Vous pouvez la reprendre.
notification-request_changes_requested = La demande « { $title } » doit être modifiée : { $detail }
notification-request_approved = La demande « { $title } » est approuvée : les coordinateurs cherchent maintenant des experts.
notification-request_cancelled = La demande « { $title } » a été annulée : { $detail }
notification-institution_verified = Votre institution « { $title } » est vérifiée : ses demandes peuvent maintenant être approuvées.
notification-institution_rejected = La vérification de votre institution « { $title } » a été refusée. Veuillez contacter les coordinateurs du programme.
notification-checklist_due = La mission « { $title } » commence le { $detail } et sa liste logistique n'est pas complète.

## L'accueil de chaque rôle : ce qui attend
nav-todo = À faire
todo-title = Ce qui vous attend
todo-lead = Bonjour { $name }, voici ce qui vous attend aujourd'hui.
todo-nothing = Rien ne vous attend : tout est fait.
todo-see-all = Voir les { $count }
todo-near-misses = { $count ->
    [0] personne trouvé
    [one] un candidat, aucun ne remplissant toutes les exigences
   *[other] { $count } candidats, aucun ne remplissant toutes les exigences
}
todo-profile-confirm = Confirmez que votre profil est toujours à jour
todo-invitations-to-answer = { $count ->
    [one] Une invitation à laquelle répondre
   *[other] { $count } invitations auxquelles répondre
}
todo-calls-to-answer = { $count ->
    [one] Un appel à experts auquel répondre
   *[other] { $count } appels à experts auxquels répondre
}
todo-reports-due = { $count ->
    [one] Un rapport de mission attendu
   *[other] { $count } rapports de mission attendus
}
todo-profile-missing = { $count ->
    [one] Il manque une chose à votre profil
   *[other] Il manque { $count } choses à votre profil
}
todo-profile-stale = Votre profil est à vérifier
todo-requests-needing-changes = { $count ->
    [one] Une demande renvoyée pour modification
   *[other] { $count } demandes renvoyées pour modification
}
todo-requests-to-take-over = { $count ->
    [one] Une demande saisie pour vous par un coordinateur
   *[other] { $count } demandes saisies pour vous par des coordinateurs
}
todo-candidates-to-approve = { $count ->
    [one] Un candidat à approuver
   *[other] { $count } candidats à approuver
}
todo-missions-to-evaluate = { $count ->
    [one] Une mission à évaluer
   *[other] { $count } missions à évaluer
}
todo-review-queue = { $count ->
    [one] Une demande à examiner
   *[other] { $count } demandes à examiner
}
todo-requests-without-full-match = { $count ->
    [one] Une demande approuvée sans candidat complet
   *[other] { $count } demandes approuvées sans candidat complet
}
todo-invitations-expiring = { $count ->
    [one] Une invitation sur le point d'expirer
   *[other] { $count } invitations sur le point d'expirer
}
todo-checklists-due = { $count ->
    [one] Une mission qui commence bientôt, liste logistique incomplète
   *[other] { $count } missions qui commencent bientôt, liste logistique incomplète
}
todo-missions-to-close = { $count ->
    [one] Une mission à clôturer
   *[other] { $count } missions à clôturer
}
todo-accounts-pending = { $count ->
    [one] Une personne attend de rejoindre une institution
   *[other] { $count } personnes attendent de rejoindre une institution
}
todo-institutions-to-verify = { $count ->
    [one] Une institution à vérifier
   *[other] { $count } institutions à vérifier
}

## Fuseau horaire
field-time-zone = Fuseau horaire
field-time-zone-hint = Les heures sont affichées, et les rappels envoyés à 8 h, selon ce fuseau. Actuellement : { $zone }.
field-time-zone-auto = Celui de mon pays (celui de mon institution, ou où je vis)
fe-request-institution_unknown = Choisissez une institution dans la liste.

## Inscription des experts dont le profil est arrivé sans compte
join-title = Rejoindre Passerelle
join-lead = Un coordinateur de programme a inscrit votre profil sur Passerelle. Créez votre compte pour le consulter, le tenir à jour et répondre aux demandes de mission.
join-email-hint = L'adresse à laquelle cette invitation a été envoyée : votre compte l'utilise.
join-submit = Créer mon compte
join-invalid = Ce lien ne fonctionne pas : il a déjà servi, il a expiré, ou le profil a désormais un compte. Connectez-vous, ou demandez une nouvelle invitation aux coordinateurs du programme.
join-account-exists = Un compte existe déjà avec cette adresse. Connectez-vous : il vous sera proposé de reprendre votre profil.
join-consent-legend = Consentement à être répertorié et proposé
join-consent-agree = J'accepte le texte ci-dessus.
join-consent-hint = Sans votre consentement, votre profil reste sur Passerelle mais n'est proposé pour aucune mission ; vous pouvez le donner ou le retirer à tout moment sur votre page de consentement.
join-email-invite-subject = Rejoignez Passerelle : votre profil vous attend
join-email-invite-body = Un coordinateur de programme a inscrit votre profil sur Passerelle, la plateforme qui met en relation les experts de la diaspora avec des missions dans des institutions de leur pays d'origine. Créez votre compte pour consulter votre profil, le tenir à jour et répondre aux demandes de mission :
join-email-candidate-subject = Une invitation à une mission : « { $title } »
join-email-candidate-body = Vous êtes invité à une mission : « { $title } ». Merci de répondre au plus tard le { $date }. Créez votre compte sur Passerelle pour lire les termes de référence et répondre :
join-email-call-subject = Appel à experts : « { $title } »
join-email-call-body = Un appel à experts vous a été envoyé : « { $title } », à répondre au plus tard le { $date }. Créez votre compte sur Passerelle pour le lire et y répondre :
join-email-expiry = Ce lien ne sert qu'une fois, pendant { $days } jours. Si vous n'attendiez pas ce courriel, ignorez-le : rien ne se fait sans vous.
claim-title = Reprendre votre profil
claim-lead = Un profil sur Passerelle porte votre adresse électronique (issu d'une enquête de cartographie ou d'une liste à laquelle vous avez participé). Reprenez-le : il devient votre profil, avec ce qu'il contient.
claim-which = Le profil
claim-submit = Reprendre ce profil
claim-none = Aucun profil sans compte ne porte votre adresse électronique.
claim-unverified = Vérifiez d'abord votre adresse électronique (voyez le courriel que nous vous avons envoyé) : vous pourrez ensuite reprendre votre profil.
claim-done = Le profil est désormais le vôtre. Vérifiez-le et complétez-le.
claim-go = Reprendre mon profil
verify-claim = Un profil sur Passerelle porte déjà cette adresse : vous pouvez le reprendre au lieu d'en commencer un nouveau.
signup-claim-hint = Un profil sur Passerelle porte déjà cette adresse : une fois celle-ci vérifiée, il vous sera proposé de le reprendre.
todo-profile-to-claim = Un profil portant votre adresse attend d'être repris
join-bulk-title = Inviter ces experts à rejoindre Passerelle
join-bulk-hint = Envoie une invitation à rejoindre Passerelle (un lien à usage unique, valable 14 jours) à chaque expert de cette liste dont le profil a une adresse électronique et pas de compte. Ceux déjà invités ne le sont pas deux fois.
join-bulk-submit = Inviter ceux qui n'ont pas de compte
join-bulk-queued = { $count ->
    [0] Aucune invitation n'a été envoyée.
    [one] Une invitation est en route.
   *[other] { $count } invitations sont en route.
}
join-bulk-skipped = Laissés de côté : { $accounts } ayant déjà un compte, { $already } déjà invités.
join-bulk-no-email = { $count ->
    [0] Tous les profils de la liste ont une adresse électronique.
    [one] Un profil n'a pas d'adresse électronique.
   *[other] { $count } profils n'ont pas d'adresse électronique.
}
join-bulk-back = Retour au répertoire

# Recherche dans les listes de missions (ticket 13, point 7).
missions-search = Demande, institution ou expert
