// Password reset, supplier invitations and terms (docs/decisions/0024-invitations-terms-and-passwords.md).
export const credentials = {
  "auth.passwordCommon":
    "Ce mot de passe fait partie des plus courants ou a déjà fuité : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
  "auth.accessEnded": "L'accès de ce compte fournisseur a pris fin. Contactez la personne qui vous a invité.",
  "auth.forgotLink": "Mot de passe oublié ?",
  "auth.forgotTitle": "Mot de passe oublié",
  "auth.forgotIntro":
    "Indiquez l'adresse de votre compte : si elle en a un, nous y envoyons un lien pour choisir un nouveau mot de passe, valable une heure.",
  "auth.forgotSubmit": "Recevoir le lien",
  "auth.resetRequested":
    "Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient d'y être envoyé. Il est valable une heure.",
  "auth.resetTitle": "Nouveau mot de passe",
  "auth.resetText": "Choisissez votre nouveau mot de passe. Toutes vos sessions ouvertes seront fermées.",
  "auth.resetSubmit": "Enregistrer le mot de passe",
  "auth.resetInvalidLink":
    "Ce lien n'est plus valable : il a déjà servi, a été remplacé par un plus récent ou a expiré (une heure). Demandez-en un nouveau.",
  "auth.resetDone": "Votre mot de passe a été changé et toutes vos sessions ont été fermées. Connectez-vous.",
  "email.resetSubject": "Choisir un nouveau mot de passe",
  "email.resetText":
    "Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte. Ce lien, valable une heure et une seule fois, permet d'en choisir un nouveau :",
  "email.resetIgnore": "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.",
  "email.invitationSubject": "Invitation sur InnovAction",
  "email.invitationText":
    "Vous êtes invité(e), au titre de {company}, à rejoindre InnovAction, l'espace d'innovation de l'agence. Choisissez votre nom et votre mot de passe avec ce lien, utilisable une seule fois :",
  "email.invitationExpires": "Ce lien expire le {date}.",
  "email.emailChangeSubject": "Confirmez votre nouvelle adresse",
  "email.emailChangeText":
    "Pour que cette adresse devienne celle de votre compte, ouvrez ce lien en étant connecté(e) :",
  "email.emailChangeIgnore": "Si vous n'avez rien demandé, ignorez ce message : rien ne changera.",
  "email.emailChangedSubject": "Votre adresse e-mail a changé",
  "email.emailChangedText": "L'adresse de connexion de votre compte est désormais {email}.",
  "email.emailChangedNotYou": "Si ce n'était pas vous, contactez-nous et reprenez votre compte :",
  "invite.pageTitle": "Fournisseurs",
  "invite.formTitle": "Inviter un fournisseur",
  "invite.listTitle": "Invitations",
  "invite.company": "Entreprise",
  "invite.state": "État",
  "invite.accessEndsAt": "Fin de l'accès",
  "invite.accessEndsAtHint": "Facultatif : l'accès prend fin à la fin de ce jour (heure de Paris).",
  "invite.invitedBy": "Invité par",
  "invite.state.pending": "En attente",
  "invite.state.expired": "Lien expiré",
  "invite.state.revoked": "Révoquée",
  "invite.state.active": "Accès actif",
  "invite.state.ended": "Accès terminé",
  "invite.revoke": "Révoquer",
  "invite.submit": "Envoyer l'invitation",
  "invite.sent": "Invitation envoyée à {email}.",
  "invite.revoked": "Invitation révoquée.",
  "invite.endInPast": "La fin de l'accès doit être une date à venir.",
  "invite.emailTaken":
    "Un compte actif existe déjà avec cette adresse : un compte inscrit par lui-même ne devient pas fournisseur.",
  "invite.invalidLink":
    "Cette invitation n'est plus valable : elle a déjà servi, a été révoquée ou a expiré (sept jours). Demandez une nouvelle invitation.",
  "invite.acceptTitle": "Rejoindre InnovAction",
  "invite.acceptText": "Invitation pour {email}, au titre de {company}. Choisissez votre nom et votre mot de passe.",
  "invite.acceptSubmit": "Créer mon compte fournisseur",
  "terms.title": "Conditions de propriété intellectuelle et de confidentialité",
  "terms.none": "Aucune version n'est encore publiée.",
  "terms.versionOf": "Version {version}, publiée le {date}.",
  "terms.accept": "J'accepte la version {version}",
  "terms.accepted": "Vous avez accepté la version {version} des conditions.",
  "terms.mustAccept":
    "Avant de proposer une idée, acceptez la version en vigueur des conditions de propriété intellectuelle et de confidentialité.",
  "terms.readAndAccept": "Lire et accepter les conditions",
  "terms.outdated": "Une nouvelle version des conditions vient d'être publiée : lisez-la, puis acceptez-la.",
  "terms.ideaVersion": "Proposée sous la version {version} des conditions fournisseurs.",
  "terms.exportCsv": "Exporter les acceptations (CSV)",
  "terms.bodyFr": "Texte en français",
  "terms.bodyEn": "Texte en anglais",
  "terms.publish": "Publier une nouvelle version",
  "terms.published": "Version {version} publiée : les fournisseurs devront l'accepter avant leur prochaine idée.",
  "account.emailChangeSent":
    "Un lien de confirmation a été envoyé à {email}. Votre adresse ne change qu'une fois ce lien ouvert, en étant connecté(e).",
  "account.emailChangeTitle": "Nouvelle adresse e-mail",
  "account.emailChangeConfirm":
    "Faire de {email} l'adresse de connexion de votre compte ? Votre ancienne adresse en sera informée.",
  "account.emailChangeSubmit": "Confirmer la nouvelle adresse",
  "account.emailChangeInvalidLink":
    "Ce lien n'est plus valable : il a déjà servi, a été remplacé par un plus récent ou a expiré. Refaites la demande depuis votre compte.",
  "account.emailChangeOtherAccount":
    "Ce lien concerne un autre compte : connectez-vous avec le compte qui a demandé le changement.",
  "account.emailChangeFailed":
    "L'adresse n'a pas pu être changée : ce lien n'est plus valable, ou l'adresse est désormais prise.",
  "audit.action.user.password.reset": "Mot de passe réinitialisé",
  "audit.action.supplier.invite": "Fournisseur invité",
  "audit.action.supplier.accept": "Invitation acceptée",
  "audit.action.supplier.revoke": "Accès fournisseur révoqué",
  "audit.action.terms.publish": "Conditions fournisseurs publiées",
  "audit.action.terms.accept": "Conditions fournisseurs acceptées",
};
