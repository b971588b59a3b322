# Ce qui s'est passé, en mots : notifications, historique des candidats et des missions, et
# l'étape franchie dite à la personne qui l'a franchie.

## Notifications

notifications-title = Notifications
notifications-unread = { $count ->
    [0] Rien de nouveau.
    [one] Une nouvelle notification.
   *[other] { $count } nouvelles notifications.
}
notifications-none = Aucune notification pour l'instant.
notifications-new = Nouveau
notifications-mark-all = Tout marquer comme lu
notifications-marked-read = Marqué comme lu.
notifications-delivery = Comment vous êtes prévenu
notifications-delivery-question = En plus de cette page, voulez-vous un courriel pour chaque notification ?
notifications-delivery-email = Oui : ici et par courriel
notifications-delivery-in-app = Non : ici seulement
notifications-delivery-save = Enregistrer
notifications-settings-saved = Votre choix a été enregistré.
notification-invitation = Vous êtes invité à une mission : « { $title } ». Merci de répondre au plus tard le { $detail }.
notification-invitation_reminder = Rappel : merci de répondre à l'invitation « { $title } » au plus tard le { $detail }.
notification-invitation_expired = L'invitation « { $title } » a expiré sans réponse ({ $detail }).
notification-candidate_accepted = { $detail } a accepté l'invitation « { $title } ».
notification-candidate_declined = { $detail } a décliné l'invitation « { $title } ».
notification-candidate_proposed = Un candidat est proposé pour « { $title } » : { $detail }. Merci de l'approuver ou de le refuser.
notification-host_approved = L'hôte a approuvé { $detail } pour « { $title } ».
notification-host_declined = L'hôte a refusé { $detail } pour « { $title } ».
notification-selected = { $detail } est retenu pour « { $title } » : la mission est prévue.
notification-withdrawn = { $detail } n'est plus candidat pour « { $title } ».
notification-consent_withdrawn = { $detail } ne partage plus son profil pour « { $title } ».
notification-mission_status = La mission « { $title } » est maintenant « { $detail } ».
notification-report_due = La mission « { $title } » est terminée : votre rapport est attendu au plus tard le { $detail }.
notification-report_reminder = Rappel : votre rapport sur « { $title } » est attendu au plus tard le { $detail }.
notification-report_overdue = Le rapport sur « { $title } » était attendu le { $detail }.
notification-evaluation_requested = Le rapport de l'expert sur « { $title } » est arrivé : merci d'évaluer la mission.
notification-evaluation_reminder = Rappel : merci d'évaluer la mission « { $title } ».
notification-evaluation_filed = L'hôte a évalué la mission « { $title } ».
notification-extension_requested = Une prolongation de « { $title } » jusqu'au { $detail } est demandée.
notification-extension_decided = La prolongation de « { $title } » a été { $detail }.
notification-call = Appel à experts : « { $title } ». Merci de répondre au plus tard le { $detail }.
notification-call_answered = { $detail } est intéressé par l'appel « { $title } ».
email-notification-subject = [Passerelle] { $text }
email-notification-body = { $text }
email-notification-settings = Vous recevez ces courriels parce que vous les avez choisis sur votre page de notifications ; vous pouvez choisir d'être prévenu sur le site seulement.

## Historique des candidats et des missions

history-candidate-shortlist = Présélectionné
history-candidate-invite = Invité
history-candidate-accept = A accepté l'invitation
history-candidate-decline = A décliné l'invitation
history-candidate-expire = L'invitation a expiré
history-candidate-propose = Proposé à l'hôte
history-candidate-host_approve = Approuvé par l'hôte
history-candidate-host_decline = Refusé par l'hôte
history-candidate-select = Retenu
history-candidate-withdraw = Retiré
history-consent-share = Profil partagé avec l'hôte
history-consent-withdraw = Profil plus partagé
history-mission-create = Mission prévue
history-mission-approve = Validée
history-mission-prepare = Préparation lancée
history-mission-start = Commencée
history-mission-complete = Terminée
history-mission-report = Rapport remis
history-mission-report_file = Rapport rédigé
history-mission-evaluate = Évaluée
history-mission-evaluation_file = Évaluation rédigée
history-mission-close = Clôturée
history-mission-cancel = Annulée
history-mission-checklist = Élément de la liste logistique modifié
history-mission-schedule = Jours et phases modifiés
history-mission-extension_request = Prolongation demandée
history-mission-extension_approve = Prolongation acceptée
history-mission-extension_refuse = Prolongation refusée
history-checklist = { $item } : { $state }
history-early = terminée plus tôt
history-from-match = parmi les candidats classés
history-from-search = depuis la recherche du répertoire
history-from-call = depuis un appel à experts
history-until = jusqu'au { $date }

## Une étape franchie, dite à la personne qui l'a franchie
invitation-done = { $status ->
    [accepted] Vous avez accepté l'invitation : l'hôte voit maintenant votre profil pour cette demande.
    [declined] Vous avez décliné l'invitation. Merci d'avoir répondu.
    [withdrawn] Vous vous êtes retiré de cette mission.
   *[other] Votre réponse est enregistrée.
}
candidate-done = { $status ->
    [shortlisted] { $name } est dans la présélection.
    [invited] { $name } est invité.
    [proposed] { $name } est proposé à l'hôte.
    [host_approved] Vous avez approuvé { $name } pour cette demande.
    [host_declined] Vous avez refusé { $name } pour cette demande.
    [selected] { $name } est retenu.
    [withdrawn] { $name } est retiré de cette demande.
   *[other] La candidature de { $name } est enregistrée.
}
mission-now-planned = La mission « { $title } » est prévue.
mission-now-approved = La mission « { $title } » est validée.
mission-now-preparing = La préparation de la mission « { $title } » a commencé.
mission-now-in_progress = La mission « { $title } » a commencé.
mission-now-completed = La mission « { $title } » est terminée.
mission-now-reported = Le rapport de la mission « { $title } » est remis.
mission-now-evaluated = La mission « { $title } » est évaluée.
mission-now-closed = La mission « { $title } » est clôturée.
mission-now-cancelled = La mission « { $title } » est annulée.
mission-start-early = Le début indiqué, le { $day }, tombe { $days ->
    [one] un jour
   *[other] { $days } jours
} avant le premier jour prévu ({ $planned }).
mission-start-late = Le début indiqué, le { $day }, tombe { $days ->
    [one] un jour
   *[other] { $days } jours
} après le premier jour prévu ({ $planned }).
mission-start-confirm = Oui, la mission a bien commencé ce jour-là
mission-start-confirm-needed = Vérifiez le jour du début : cochez la case ci-dessous s'il est juste, ou corrigez-le.
