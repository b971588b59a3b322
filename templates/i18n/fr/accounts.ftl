## Navigation
nav-account = Mon compte
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
nav-admin-users = Utilisateurs
nav-admin-audit = Journal d'audit
nav-my-institution = Mon institution
nav-signed-in-as = Connecté·e : { $name }

## Rôles
role-expert = Expert·e de la diaspora
role-institution = Membre d'une institution d'accueil
role-coordinator = Coordinateur·rice
role-admin = Administrateur·rice

## Types d'institution
institution-kind-ministry = Ministère ou organisme public
institution-kind-hospital = Hôpital ou centre de santé
institution-kind-university = Université
institution-kind-tvet_college = Centre d'EFTP ou institut polytechnique
institution-kind-school = École
institution-kind-municipality = Commune
institution-kind-ngo = ONG ou association
institution-kind-company = Entreprise privée
institution-kind-other = Autre

## Formulaires
form-errors-title = Veuillez corriger ce qui suit :
form-required = obligatoire
form-save = Enregistrer
form-optional = facultatif
field-email = Adresse e-mail
field-password = Mot de passe
field-password-hint = Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
field-name = Nom complet
field-language = Langue de l'interface et des e-mails
field-country = Pays
field-city = Ville
choose = Choisir…

## Erreurs de champ (par code)
fe-required = Ce champ est obligatoire.
fe-too_long = C'est trop long ({ $max } caractères au plus).
fe-text-control = Ce texte contient un caractère de contrôle (invisible, ou qui inverse le sens du texte) : retirez-le.
fe-too_short = C'est trop court.
fe-email-missing = Une adresse e-mail est obligatoire.
fe-email-invalid = Ce n'est pas une adresse e-mail valide.
fe-password-too_short = Le mot de passe doit compter au moins 12 caractères.
fe-password-too_long = Le mot de passe doit compter au plus 256 caractères.
fe-password-common = Ce mot de passe fait partie des plus courants ; veuillez en choisir un autre.
fe-password-is_email = Le mot de passe ne doit pas être votre adresse e-mail.
fe-password-mismatch = Les deux mots de passe ne sont pas identiques.
fe-password-wrong = Le mot de passe actuel n'est pas correct.
fe-country-format = Choisissez un pays dans la liste.
fe-country-unknown = Choisissez un pays dans la liste.
fe-institution_kind-unknown = Choisissez un type d'institution dans la liste.
fe-institution-unknown = Choisissez une institution dans la liste.
fe-account_type-unknown = Indiquez si vous êtes expert·e ou membre d'une institution.
fe-locale-unsupported = Choisissez l'anglais ou le français.
fe-role-unknown = Choisissez un rôle dans la liste.
fe-url-invalid = Une adresse web commence par https:// ou http://.
fe-sector-unknown = Choisissez des secteurs dans la liste.

## Inscription
signup-title = Créer votre compte
signup-intro = Passerelle est gratuite pour les professionnels de la diaspora et pour les institutions d'accueil. Les coordinateurs et administrateurs sont invités par l'équipe du programme.
signup-type = Je suis
signup-type-expert = Un·e professionnel·le de la diaspora qui offre son expertise
signup-type-institution = Membre d'une institution d'accueil qui cherche une expertise
signup-institution = Mon institution
signup-institution-existing = Elle est déjà sur Passerelle
signup-institution-pick = Institution
signup-institution-new = Elle est nouvelle sur Passerelle
signup-institution-name = Nom de l'institution
signup-institution-name-hint = Nécessaire si l'institution est nouvelle.
signup-institution-kind = Type d'institution
signup-institution-note = Un membre de votre institution, ou un coordinateur du programme, confirmera que vous en faites partie.
signup-consent = En créant un compte, vous acceptez que Passerelle conserve les informations que vous donnez pour mettre en relation experts et missions. Vous pouvez télécharger ou effacer vos données à tout moment.
signup-submit = Créer mon compte
signup-done-title = Consultez vos e-mails
signup-done-text = Si l'adresse { $email } peut être utilisée, nous lui avons envoyé un lien pour la confirmer. Suivez ce lien, puis connectez-vous.
signup-have-account = Vous avez déjà un compte ?

## Connexion et déconnexion
login-title = Se connecter
login-submit = Se connecter
login-failed = L'adresse e-mail ou le mot de passe n'est pas correct.
login-throttled = Trop de tentatives. Veuillez patienter { $seconds ->
    [one] une seconde
   *[other] { $seconds } secondes
} avant de réessayer.
login-forgot = Mot de passe oublié ?
login-no-account = Pas encore de compte ?
logout-submit = Se déconnecter
logged-out = Vous êtes déconnecté·e.

## Récupération du mot de passe
forgot-title = Réinitialiser votre mot de passe
forgot-intro = Indiquez l'adresse e-mail de votre compte. Nous lui enverrons un lien pour choisir un nouveau mot de passe ; ce lien est valable une heure.
forgot-submit = Envoyer le lien
forgot-done = Si un compte utilise cette adresse, nous lui avons envoyé un lien pour choisir un nouveau mot de passe.
reset-title = Choisir un nouveau mot de passe
reset-new = Nouveau mot de passe
reset-confirm = Nouveau mot de passe, à nouveau
reset-submit = Enregistrer le nouveau mot de passe
reset-invalid = Ce lien n'est plus valable : il a déjà servi ou il a expiré. Vous pouvez en demander un nouveau.
reset-done = Votre mot de passe a été changé. Connectez-vous avec celui-ci.

## Vérification de l'adresse
verify-title = Confirmer votre adresse e-mail
verify-intro = Confirmez que cette adresse est bien la vôtre pour terminer la création de votre compte.
verify-submit = Confirmer mon adresse e-mail
verify-done = Merci : votre adresse e-mail est confirmée.
verify-invalid = Ce lien n'est plus valable : il a déjà servi ou il a expiré. Connectez-vous et demandez-en un nouveau depuis la page de votre compte.
verify-pending = Votre adresse e-mail n'est pas encore confirmée.
verify-resend = Renvoyer le lien de confirmation
verify-resent = Nous avons envoyé un nouveau lien de confirmation.

## Mon compte
account-title = Mon compte
account-details = Vos informations
account-role = Rôle
account-email-verified = Confirmée
account-saved = Vos informations sont enregistrées.
account-password = Mot de passe
account-password-current = Mot de passe actuel
account-password-new = Nouveau mot de passe
account-password-confirm = Nouveau mot de passe, à nouveau
account-password-submit = Changer le mot de passe
account-password-changed = Votre mot de passe est changé. Vos autres sessions ont été fermées.
account-password-note = Changer de mot de passe ferme toutes vos autres sessions.
account-tokens = Jetons d'API
account-tokens-intro = Un jeton personnel permet à un programme d'utiliser l'API de Passerelle avec vos droits. Gardez-le secret ; révoquez-le quand vous n'en avez plus besoin.
account-token-name = Nom du jeton
account-token-create = Créer un jeton
account-token-created = Votre nouveau jeton est affiché ci-dessous une seule fois. Copiez-le maintenant : il ne pourra plus être affiché.
account-token-prefix = Commence par
account-token-created-at = Créé le
account-token-last-used = Dernière utilisation
account-token-never = jamais
account-token-revoked = Révoqué
account-token-revoke = Révoquer
account-token-revoked-done = Le jeton est révoqué.
account-tokens-none = Vous n'avez aucun jeton.
account-sessions = Sessions actives
account-sessions-intro = Les endroits où votre compte est connecté. Fermez toute session que vous ne reconnaissez pas, puis changez votre mot de passe.
account-session-this = Cette session
account-session-started = Ouverte le
account-session-last = Dernière activité
account-session-device = Navigateur
account-session-address = Adresse
account-session-end = Fermer cette session
account-session-ended = La session est fermée.
account-membership-pending = Votre appartenance à votre institution attend la confirmation d'un de ses membres ou d'un coordinateur.

## Administration
admin-users-title = Utilisateurs
admin-users-search = Nom ou e-mail
admin-users-role = Rôle
admin-users-any-role = Tous les rôles
admin-users-include-disabled = Inclure les comptes désactivés
admin-users-filter = Filtrer
admin-users-count = { $count ->
    [0] Aucun compte
    [one] Un compte
   *[other] { $count } comptes
}
admin-users-status = Statut
admin-users-active = Actif
admin-users-disabled = Désactivé
admin-users-unverified = E-mail non confirmé
admin-users-actions = Actions
admin-users-change-role = Changer le rôle
admin-users-disable = Désactiver
admin-users-enable = Réactiver
admin-users-new = Ajouter un coordinateur ou un administrateur
admin-users-role-changed = Le rôle est changé.
admin-users-disabled-done = Le compte est désactivé et ses sessions sont fermées.
admin-users-enabled-done = Le compte est réactivé.
admin-users-self = Vous ne pouvez ni changer votre propre rôle ni désactiver votre propre compte.
admin-user-new-title = Ajouter un coordinateur ou un administrateur
admin-user-new-password-note = Laissez vide pour générer un mot de passe robuste, affiché une seule fois.
admin-user-new-submit = Ajouter le compte
admin-user-created = Le compte est créé. Son mot de passe, affiché une seule fois :
admin-audit-title = Journal d'audit
admin-audit-action = Action
admin-audit-actor = Auteur (e-mail)
admin-audit-since = Du (date)
admin-audit-until = Au (date)
admin-audit-when = Quand
admin-audit-target = Cible
admin-audit-address = Adresse
admin-audit-detail = Détail
admin-audit-count = { $count ->
    [0] Aucune entrée
    [one] Une entrée
   *[other] { $count } entrées
}
admin-audit-none = Aucune entrée ne correspond.
pager-previous = Page précédente
pager-next = Page suivante
pager-label = Pages
pager-position = Page { $page } sur { $pages }

## Membres d'une institution
members-title = Membres de { $institution }
members-active = Membres
members-pending = En attente de confirmation
members-none-pending = Personne n'attend de confirmation.
members-approve = Confirmer
members-remove = Retirer
members-approved = Le membre est confirmé.
members-removed = Le membre est retiré.

## E-mails
email-greeting = Bonjour { $name },
email-signature = L'équipe Passerelle
email-verify-subject = Confirmez votre adresse e-mail sur Passerelle
email-verify-body = Veuillez confirmer votre adresse e-mail en ouvrant ce lien (valable 3 jours) :
email-reset-subject = Choisissez un nouveau mot de passe Passerelle
email-reset-body = Quelqu'un, probablement vous, a demandé à réinitialiser le mot de passe de votre compte Passerelle. Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :
email-reset-ignore = Si vous n'avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.
email-exists-subject = Votre compte Passerelle
email-exists-body = Quelqu'un, probablement vous, a essayé de créer un compte Passerelle avec cette adresse, qui en a déjà un. Pour vous connecter ou réinitialiser votre mot de passe :
email-member-approved-subject = Vous êtes désormais membre de { $institution } sur Passerelle
email-member-approved-body = Votre appartenance à { $institution } a été confirmée. Vous pouvez maintenant publier et suivre ses demandes de mission :

## Explications d'erreur
error-text-csrf = Le formulaire a expiré ou a été envoyé depuis un autre site. Veuillez revenir en arrière, recharger la page et réessayer.

## Ce que le journal d'audit enregistre, en mots
history-other = Autre action ({ $action })
history-erased-person = Une personne dont les données ont été effacées
history-account-signup = Inscription
history-account-create = Compte créé
history-account-disable = Compte désactivé
history-account-enable = Compte réactivé
history-account-settings = Réglages du compte modifiés
history-login-success = Connexion
history-login-failure = Connexion refusée
history-login-throttled = Tentatives de connexion bloquées
history-login-throttle_ended = Fin du blocage des tentatives de connexion
history-logout = Déconnexion
history-session-end = Session fermée
history-password-change = Mot de passe changé
history-password-reset_request = Nouveau mot de passe demandé
history-password-reset = Mot de passe réinitialisé
history-email-verify = Adresse e-mail confirmée
history-role-change = Rôle changé
history-token-create = Jeton d'API créé
history-token-revoke = Jeton d'API révoqué
history-membership-approve = Appartenance à l'institution confirmée
history-membership-remove = Appartenance à l'institution retirée
history-profile-create = Profil créé
history-profile-edit = Profil modifié
history-profile-suggestion-confirm = Compétence suggérée confirmée
history-profile-suggestion-dismiss = Compétence suggérée écartée
history-profile-erase = Profil et compte effacés
history-profile-export = Données du profil téléchargées
history-consent-grant = Consentement à la mise en relation donné
history-credential-verify = Titre vérifié
history-notification-settings = Réglages des notifications modifiés
history-institution-create = Institution créée
history-institution-edit = Institution modifiée
history-institution-verify = Institution vérifiée
history-programme-create = Programme créé
history-programme-edit = Programme modifié
history-call-create = Appel à experts rédigé
history-call-send = Appel à experts envoyé
history-call-answer = Réponse à un appel à experts
history-call-close = Appel à experts clos
history-search-save = Recherche enregistrée
history-search-delete = Recherche enregistrée supprimée
history-export-roster = Vivier exporté
history-export-requests = Demandes exportées
history-export-missions = Missions exportées
history-role-from-to = { $from } → { $to }
history-call-recipients = envoyé à { $count ->
    [one] un expert
   *[other] { $count } experts
}
history-blocked-for = bloqué pendant { $seconds ->
    [one] une seconde
   *[other] { $seconds } secondes
}
history-block-refused = { $count ->
    [one] une tentative refusée
   *[other] { $count } tentatives refusées
}
history-target-user = Compte
history-target-email = Adresse e-mail
history-target-expert = Profil d'expert
history-target-request = Demande
history-target-candidate = Candidature
history-target-mission = Mission
history-target-institution = Institution
history-target-programme = Programme
history-target-call = Appel à experts
history-target-saved_search = Recherche enregistrée
history-target-api_token = Jeton d'API
admin-audit-who = Qui
admin-audit-same-action = Toutes les entrées de cette action
audit-family-account = Comptes
audit-family-login = Connexions
audit-family-password = Mots de passe
audit-family-email = Adresses e-mail
audit-family-role = Rôles
audit-family-token = Jetons d'API
audit-family-membership = Appartenance aux institutions
audit-family-profile = Profils d'experts
audit-family-consent = Consentements
audit-family-credential = Titres
audit-family-request = Demandes de mission
audit-family-candidate = Candidatures
audit-family-mission = Missions
audit-family-institution = Institutions
audit-family-programme = Programmes
audit-family-call = Appels à experts
audit-family-search = Recherches enregistrées
audit-family-export = Exports
admin-user-account = Compte
admin-user-since = Compte créé le
admin-user-audit = Ce que ce compte a fait (journal d'audit)
admin-user-role-hint = Un nouveau rôle prend effet à la prochaine connexion de la personne : ses sessions sont fermées.
admin-user-access = Accès
admin-user-disable-text = Un compte désactivé ne peut plus se connecter, et ses sessions se ferment aussitôt. Rien n'est effacé ; le compte peut être réactivé.
admin-user-enable-text = Ce compte est désactivé : il ne peut pas se connecter.
signup-title-expert = Créer votre compte d'expert
signup-title-institution = Créer votre compte de membre d'une institution d'accueil
signup-type-expert-text = Décrivez une fois vos compétences, vos langues et vos disponibilités ; répondez aux invitations à des missions qui y correspondent.
signup-type-institution-text = Publiez l'expertise dont votre institution a besoin, suivez vos demandes, approuvez les experts proposés et évaluez leurs missions.
signup-change-type = Changer de type de compte

# Problèmes nommés sur les pages d'erreur et les formulaires, par leur code.
fe-consent-choice = Choisissez de donner ou de retirer votre consentement.
fe-text-required = Collez le texte dont chercher les compétences.
fe-text-too_long = Le texte est trop long ({ $max } caractères au plus).
fe-notification-id = Ce n'est pas une de vos notifications.
fe-notification-delivery = Choisissez par e-mail ou dans l'application.
fe-form-too_many_parts = Le formulaire a trop de parties.
fe-text-encoding = Le texte doit être en UTF-8.
fe-candidate-expert_required = Choisissez un expert.
fe-candidate-expert_unknown = Cet expert n'est pas dans le vivier.
fe-candidate-bulk_action = Choisissez de présélectionner ou d'inviter.
fe-candidate-bulk_too_many = Choisissez { $max } experts au plus à la fois.
fe-candidate-reply_by_required = Indiquez une date de réponse pour inviter.
fe-candidate-reply_by_past = La date de réponse doit être aujourd'hui ou plus tard.
fe-invitation-answer_unknown = Acceptez ou déclinez l'invitation.
fe-extension-decision_unknown = Approuvez ou refusez la prolongation.
fe-claim-unknown = Choisissez l'un des profils proposés.
fe-calendar-month_format = Indiquez un mois sous la forme AAAA-MM, par exemple 2027-03.
fe-calendar-view = Choisissez la frise ou la grille du mois.
fe-email-taken = Un compte existe déjà avec cette adresse e-mail.
