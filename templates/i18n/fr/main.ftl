## Cadre du site : en-tête, navigation, pied de page
site-name = Passerelle
site-tagline = L'expertise de la diaspora au service des institutions qui en ont besoin
skip-to-content = Aller au contenu principal
nav-main = Navigation principale
nav-menu = Menu
nav-home = Accueil
language-switch = Langue
footer-about = Passerelle met en relation les professionnels de la diaspora avec les missions de transfert de compétences demandées par des institutions de leur pays d'origine, et suit chaque mission de la demande à son évaluation.
footer-data = Vos données vous appartiennent : vous pouvez les télécharger ou les effacer à tout moment.
footer-api = Référence de l'API

## Page d'accueil
home-title = Passerelle — l'expertise de la diaspora au service des institutions qui en ont besoin
home-lead = Médecins, ingénieurs, enseignants et entrepreneurs de la diaspora partagent leurs compétences avec des hôpitaux, des instituts polytechniques, des ministères et des communes de leur pays d'origine. Passerelle trouve l'expert qui convient à chaque demande et suit la mission jusqu'à son évaluation.
home-audiences = À qui s'adresse Passerelle
home-experts-title = Professionnels de la diaspora
home-experts-text = Décrivez une fois vos compétences, vos langues et vos disponibilités. Recevez des invitations à des missions qui y correspondent, acceptez celles qui vous conviennent et rendez compte de ce que vous avez transmis.
home-institutions-title = Institutions d'accueil
home-institutions-text = Décrivez l'expertise dont vous avez besoin : compétences, langues, dates ou période souple, sur place ou à distance. Suivez votre demande, approuvez les experts proposés et évaluez chaque mission.
home-coordinators-title = Coordinateurs de programme
home-coordinators-text = Examinez les demandes, obtenez des candidats classés et expliqués, invitez et sélectionnez les experts, suivez la logistique et les rapports, et montrez l'impact de votre programme à ses bailleurs.
home-how = Comment naît une mission
home-step-request = Une institution publie ses termes de référence : les compétences, les langues, le lieu et les dates.
home-step-match = Un coordinateur examine la demande et obtient les experts les plus adaptés, avec la raison de chaque rang.
home-step-invite = Les experts retenus sont invités ; chacun décide de partager ou non son profil avec l'institution d'accueil.
home-step-mission = L'institution approuve, la logistique est préparée et la mission a lieu sur place, à distance ou les deux.
home-step-report = L'expert rédige son rapport, l'institution évalue et le programme compte les personnes formées.
home-programmes = Les programmes qu'elle sert
home-programme-mida = Missions de transfert de compétences d'experts de la diaspora vers des institutions de santé, de développement rural et d'éducation (type MIDA).
home-programme-tvet = Formation de formateurs pour les enseignants des instituts polytechniques et des centres d'EFTP.
home-programme-health = Appels urgents au personnel médical de la diaspora, avec vérification des diplômes et autorisations d'exercer.
home-programme-placement = Affectations temporaires de membres qualifiés de la diaspora dans des institutions publiques.

## Erreurs
error-title-400 = La demande n'a pas pu être comprise
error-title-401 = Veuillez vous connecter
error-title-403 = Vous n'avez pas accès à cette page
error-title-404 = Page introuvable
error-title-405 = Cette action n'est pas possible ici
error-title-408 = La demande a pris trop de temps
error-title-409 = Cette modification est incompatible avec l'état actuel
error-title-413 = Ce que vous avez envoyé est trop volumineux
error-title-415 = Ce type de contenu n'est pas accepté
error-title-422 = Certains champs demandent votre attention
error-title-429 = Trop de tentatives
error-title-500 = Une erreur s'est produite de notre côté
error-title-503 = Le service est momentanément indisponible
error-title-other = La demande n'a pas pu aboutir
error-text-404 = La page demandée n'existe pas ou n'est plus disponible.
error-text-429 = Veuillez patienter { $seconds ->
    [one] une seconde
   *[other] { $seconds } secondes
} avant de réessayer.
error-text-500 = L'erreur a été enregistrée. Veuillez réessayer dans un instant ; si elle persiste, communiquez cette référence à l'équipe d'assistance :
error-text-generic = Veuillez revenir en arrière et réessayer.
error-reference = Référence :
error-back-home = Retour à l'accueil

## Référence de l'API
api-operations = Opérations
api-parameters = Paramètres
api-name = Nom
api-in = Dans
api-required = Obligatoire
api-description = Description
api-body = Corps de la requête :
api-responses = Réponses
api-status = Statut
api-schema = Schéma
api-schemas = Schémas
api-type = Type

## Petits morceaux de phrases
label-colon = { $label } :
