// Sign-in through an OpenID provider (docs/decisions/0023-openid-connect.md).
export const identity = {
  "identity.or": "ou",
  "identity.staffButton": "Agent de l'agence : se connecter avec le compte de l'agence",
  "identity.publicButton": "S'identifier avec FranceConnect",
  "identity.staff": "Compte de l'agence",
  "identity.public": "FranceConnect",
  "identity.failedTitle": "Connexion impossible",
  "identity.unavailable":
    "Le service d'identification ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous autrement.",
  "identity.invalidCallback":
    "Cette connexion n'a pas été commencée dans ce navigateur, ou a expiré. Recommencez depuis la page de connexion.",
  "identity.rejected":
    "Le service d'identification a renvoyé une réponse invalide ou refusée. Recommencez depuis la page de connexion.",
  "identity.cancelled": "Connexion annulée.",
  "identity.notConfigured": "Ce mode de connexion n'est pas proposé.",
  "identity.noEmail":
    "Le service d'identification n'a pas transmis d'adresse e-mail : impossible de créer votre compte.",
  "identity.staffDomain":
    "Les adresses de l'agence se connectent avec le compte de l'agence, pas avec un mot de passe ni FranceConnect.",
  "identity.unverifiedEmail":
    "Un compte existe déjà avec cette adresse, et le service d'identification ne l'a pas vérifiée : connectez-vous avec votre mot de passe.",
  "identity.lastWayIn":
    "C'est votre seul moyen de connexion : il ne peut pas être délié tant que vous n'avez pas d'autre moyen de vous connecter.",
  "identity.backToSignIn": "Retour à la connexion",
  "identity.agency": "Agence :",
  "identity.title": "Identités de connexion",
  "identity.intro": "Les comptes externes avec lesquels vous pouvez vous connecter.",
  "identity.none": "Aucune identité externe n'est liée à votre compte.",
  "identity.linkedOn": "liée le {date}",
  "identity.unlink": "Délier",
  "identity.unlinked": "Identité déliée.",
  "identity.reauthIntro":
    "Votre compte n'a pas de mot de passe : pour confirmer une action sensible, reconnectez-vous d'abord auprès de votre fournisseur d'identité.",
  "identity.reauthSubmit": "Confirmer avec {provider}",
  "identity.reauthDone": "Identité confirmée le {date} : vous pouvez continuer pendant 5 minutes.",
  "identity.reauthenticated": "Identité confirmée. Vous pouvez continuer pendant 5 minutes.",
  "identity.reauthOtherIdentity":
    "Cette reconnexion ne correspond pas à une identité liée à votre compte : rien n'a été confirmé.",
};
