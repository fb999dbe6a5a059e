// Notifications, e-mails and unsubscribing (docs/decisions/0013-email-notifications.md).
export const notifications = {
  "notifications.title": "Notifications",
  "notifications.empty": "Aucune notification.",
  "notifications.unread": "Non lue",
  "notifications.markAll": "Tout marquer comme lu",
  "notifications.markRead": "Marquer comme lue",
  "notifications.marked": "Notifications marquées comme lues.",
  "notification.stage": "« {title} » est passée à l'étape « {stage} ».",
  "notification.answer": "« {title} » a reçu une réponse officielle.",
  "notification.answerUpdated": "La réponse officielle à « {title} » a été mise à jour.",
  "notification.decision": "L'expérimentation de « {title} » a reçu un « go ».",
  "notification.evaluation": "Vous êtes invité·e à évaluer « {title} ».",
  "notification.comment":
    "{name, select, none {Nouveau commentaire sur votre idée} other {{name} a commenté votre idée}} « {title} ».",
  "notification.reply":
    "{name, select, none {Quelqu'un} other {{name}}} a répondu à votre commentaire sur « {title} ».",
  "email.greeting": "Bonjour {name},",
  "email.open": "Voir :",
  "email.footer": "Vous recevez ce message d'Idées parce que vous participez à cette idée.",
  "email.preferences": "Choisir les e-mails que vous recevez :",
  "email.unsubscribe": "Vous désabonner en un clic :",
  "email.digestSubject":
    "{count, plural, one {# nouvelle des idées que vous suivez} other {# nouvelles des idées que vous suivez}}",
  "email.digestIntro": "Voici ce qui s'est passé depuis votre dernier récapitulatif :",
  "email.signUpSubject": "Activez votre compte",
  "email.signUpText":
    "Pour activer votre compte, ouvrez ce lien dans les 24 heures et saisissez le mot de passe choisi à l'inscription :",
  "email.signUpIgnore":
    "Vous n'avez pas demandé à créer de compte ? Ignorez ce message : sans ce lien et ce mot de passe, le compte reste inactif.",
  "email.signUpExistingSubject": "Inscription avec votre adresse",
  "email.signUpExistingText":
    "Quelqu'un, peut-être vous, a voulu créer un compte avec cette adresse. Vous en avez déjà un : rien n'y a été changé.",
  "email.signUpExistingSignIn": "Si c'était vous, connectez-vous ici :",
  "email.signUpExistingIgnore": "Si ce n'était pas vous, ignorez ce message.",
  "email.accountFooter":
    "Vous recevez ce message d'Idées parce que cette adresse a été saisie dans le formulaire d'inscription.",
  "unsubscribe.title": "Se désabonner",
  "unsubscribe.confirmOne": "Ne plus recevoir d'e-mail pour : « {what} » ?",
  "unsubscribe.confirmAll": "Ne plus recevoir aucun e-mail d'Idées ?",
  "unsubscribe.submit": "Me désabonner",
  "unsubscribe.done":
    "C'est fait : vous ne recevrez plus ces e-mails. Vous pouvez changer d'avis à tout moment dans vos notifications.",
  "notification.hiddenPendingIdea": "Votre idée « {title} » est masquée en attendant l'examen d'un modérateur.",
  "notification.hiddenPendingComment":
    "Votre commentaire sur « {title} » est masqué en attendant l'examen d'un modérateur.",
  "notification.hiddenIdea": "Votre idée « {title} » a été masquée par la modération. Motif : {reason}",
  "notification.hiddenComment": "Votre commentaire sur « {title} » a été masqué par la modération. Motif : {reason}",
  "notification.restoredIdea": "Votre idée « {title} » est de nouveau visible.",
  "notification.merged":
    "« {title} », que vous suivez, a été fusionnée dans une idée similaire : soutiens et commentaires y sont repris.",
  "notification.restoredComment": "Votre commentaire sur « {title} » est de nouveau visible.",
};
