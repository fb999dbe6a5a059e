// The one small i18n layer: every interface string goes through t(). French is the default;
// English must define exactly the same keys (the type checker enforces it).
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "idees_lang";

const fr = {
  "app.name": "Idées",
  "app.tagline": "Proposer, soutenir et faire grandir les idées qui améliorent l'emploi",
  "nav.home": "Accueil",
  "nav.main": "Navigation principale",
  "nav.signIn": "Se connecter",
  "nav.signUp": "Créer un compte",
  "nav.signOut": "Se déconnecter",
  "nav.account": "Mon compte",
  "nav.admin": "Administration",
  "nav.skip": "Aller au contenu",
  "lang.label": "Langue",
  "lang.fr": "Français",
  "lang.en": "English",
  "lang.apply": "Changer",
  "home.title": "Bienvenue sur Idées",
  "home.intro":
    "Idées réunit InnovAction, l'espace interne où les agents et les partenaires invités partagent leurs idées d'amélioration, et Emploi Store Idées, ouvert à toutes et à tous pour proposer des idées qui aident l'emploi.",
  "home.spaces": "Les espaces",
  "home.enter": "Entrer dans l'espace",
  "home.ideasCount": "{count, plural, one {# idée} other {# idées}}",
  "space.audience.PUBLIC": "Public",
  "space.audience.INTERNAL": "Interne",
  "space.propose": "Proposer une idée",
  "space.signInToPropose": "Connectez-vous pour proposer une idée",
  "space.sort.label": "Trier les idées",
  "space.sort.newest": "Les plus récentes",
  "space.sort.top": "Les plus soutenues",
  "space.empty": "Aucune idée pour l'instant. Soyez la première personne à en proposer une !",
  "space.next": "Idées suivantes",
  "space.first": "Revenir au début",
  "space.pager": "Pagination",
  "idea.by": "par {name}",
  "idea.on": "le {date}",
  "idea.supports": "{count, plural, =0 {Aucun soutien} one {# soutien} other {# soutiens}}",
  "idea.supportsWord": "{count, plural, one {soutien} other {soutiens}}",
  "idea.comments": "{count, plural, =0 {Aucun commentaire} one {# commentaire} other {# commentaires}}",
  "idea.support": "Soutenir",
  "idea.unsupport": "Retirer mon soutien",
  "idea.supported": "Vous soutenez cette idée",
  "idea.signInToSupport": "Connectez-vous pour soutenir cette idée",
  "idea.edit": "Modifier l'idée",
  "idea.tags": "Mots-clés",
  "idea.stage": "Étape",
  "idea.edited": "modifiée le {date}",
  "stage.PROPOSED": "Proposée",
  "stage.UNDER_REVIEW": "En étude",
  "stage.SELECTED": "Retenue",
  "stage.PILOT": "En expérimentation",
  "stage.PRODUCTION": "En production",
  "stage.REJECTED": "Non retenue",
  "stage.ARCHIVED": "Archivée",
  "ideaForm.newTitle": "Proposer une idée dans {space}",
  "ideaForm.editTitle": "Modifier votre idée",
  "ideaForm.title": "Titre",
  "ideaForm.titleHint": "Entre 8 et 140 caractères : l'idée en une phrase.",
  "ideaForm.body": "Description",
  "ideaForm.bodyHint": "Le constat, la proposition, ce qu'elle changerait. Markdown accepté (20 000 caractères au plus).",
  "ideaForm.tags": "Mots-clés",
  "ideaForm.tagsHint": "Jusqu'à 5 mots-clés séparés par des virgules (ex. : accueil, numérique).",
  "ideaForm.submit": "Publier l'idée",
  "ideaForm.save": "Enregistrer",
  "ideaForm.cancel": "Annuler",
  "ideaForm.created": "Votre idée est publiée.",
  "ideaForm.saved": "Votre idée est modifiée.",
  "comments.title": "Commentaires",
  "comments.empty": "Aucun commentaire pour l'instant.",
  "comments.new": "Votre commentaire",
  "comments.hint": "Markdown accepté (5 000 caractères au plus).",
  "comments.submit": "Commenter",
  "comments.reply": "Répondre",
  "comments.replyTo": "Répondre à {name}",
  "comments.replyLabel": "Votre réponse",
  "comments.sendReply": "Envoyer la réponse",
  "comments.edit": "Modifier",
  "comments.editLabel": "Modifier votre commentaire",
  "comments.save": "Enregistrer",
  "comments.delete": "Supprimer",
  "comments.deleted": "Commentaire supprimé",
  "comments.edited": "modifié",
  "comments.signIn": "Connectez-vous pour commenter.",
  "comments.added": "Votre commentaire est publié.",
  "comments.updated": "Votre commentaire est modifié.",
  "comments.removed": "Votre commentaire est supprimé.",
  "auth.signInTitle": "Se connecter",
  "auth.signUpTitle": "Créer un compte",
  "auth.email": "Adresse e-mail",
  "auth.password": "Mot de passe",
  "auth.passwordHint": "Au moins 10 caractères.",
  "auth.displayName": "Nom affiché",
  "auth.displayNameHint": "Visible avec vos idées et commentaires.",
  "auth.signInSubmit": "Se connecter",
  "auth.signUpSubmit": "Créer mon compte",
  "auth.noAccount": "Pas encore de compte ?",
  "auth.haveAccount": "Déjà un compte ?",
  "auth.invalid": "Adresse e-mail ou mot de passe incorrect.",
  "auth.tooMany": "Trop de tentatives. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.",
  "auth.emailTaken": "Un compte existe déjà avec cette adresse.",
  "auth.welcome": "Bienvenue, {name} !",
  "auth.signedOut": "Vous êtes déconnecté·e.",
  "account.title": "Mon compte",
  "account.role": "Rôle",
  "account.sessions": "Sessions",
  "account.sessionsIntro":
    "Une session se termine après 7 jours sans activité, et au plus tard 30 jours après la connexion.",
  "account.signOutAll": "Se déconnecter de tous les appareils",
  "account.signedOutAll": "Vous êtes déconnecté·e de tous les appareils.",
  "role.PUBLIC": "Contributeur public",
  "role.EMPLOYEE": "Agent",
  "role.SUPPLIER": "Partenaire (prestataire)",
  "role.MODERATOR": "Modérateur",
  "role.MANAGER": "Responsable innovation",
  "role.ADMIN": "Administrateur",
  "admin.usersTitle": "Utilisateurs et rôles",
  "admin.search": "Rechercher (nom ou e-mail)",
  "admin.searchSubmit": "Rechercher",
  "admin.name": "Nom",
  "admin.email": "E-mail",
  "admin.role": "Rôle",
  "admin.access": "Accès à InnovAction",
  "admin.changeRole": "Changer le rôle",
  "admin.grant": "Donner l'accès",
  "admin.revoke": "Retirer l'accès",
  "admin.roleChanged": "Rôle de {name} : {role}.",
  "admin.accessGranted": "{name} a maintenant accès à {space}.",
  "admin.accessRevoked": "{name} n'a plus accès à {space}.",
  "admin.viaRole": "par son rôle",
  "admin.notApplicable": "—",
  "admin.noUsers": "Aucun utilisateur trouvé.",
  "admin.selfDemote": "Vous ne pouvez pas retirer votre propre rôle d'administrateur.",
  "error.notFoundTitle": "Page introuvable",
  "error.notFound": "Cette page n'existe pas ou vous n'y avez pas accès.",
  "error.forbiddenTitle": "Accès refusé",
  "error.forbidden": "Vous n'avez pas les droits nécessaires pour cette action.",
  "error.badRequestTitle": "Requête invalide",
  "error.badRequest": "La requête n'a pas pu être traitée.",
  "error.genericTitle": "Une erreur est survenue",
  "error.generic": "Nous n'avons pas pu traiter votre demande. Réessayez dans un instant.",
  "error.backHome": "Retour à l'accueil",
  "form.errorSummary": "Le formulaire contient des erreurs.",
  "form.required": "Ce champ est obligatoire.",
  "form.tooShort": "{min, plural, one {# caractère} other {# caractères}} au moins.",
  "form.tooLong": "{max, plural, one {# caractère} other {# caractères}} au plus.",
  "form.invalidEmail": "Adresse e-mail invalide.",
  "form.invalid": "Valeur invalide.",
  "form.tooManyTags": "5 mots-clés au plus.",
  "form.invalidTag": "Un mot-clé fait 2 à 30 caractères : lettres, chiffres, espaces ou tirets.",
  "form.controlChars": "Caractères de contrôle non autorisés.",
  "form.honeypot": "Envoi refusé.",
  "date.relativeNow": "à l'instant",
} as const;

export type MessageKey = keyof typeof fr;
type Messages = Record<MessageKey, string>;

const en: Messages = {
  "app.name": "Idées",
  "app.tagline": "Propose, support and grow the ideas that improve employment",
  "nav.home": "Home",
  "nav.main": "Main navigation",
  "nav.signIn": "Sign in",
  "nav.signUp": "Create an account",
  "nav.signOut": "Sign out",
  "nav.account": "My account",
  "nav.admin": "Administration",
  "nav.skip": "Skip to content",
  "lang.label": "Language",
  "lang.fr": "Français",
  "lang.en": "English",
  "lang.apply": "Change",
  "home.title": "Welcome to Idées",
  "home.intro":
    "Idées brings together InnovAction, the internal space where staff and invited partners share improvement ideas, and Emploi Store Idées, open to everyone to propose ideas that help employment.",
  "home.spaces": "Spaces",
  "home.enter": "Enter the space",
  "home.ideasCount": "{count, plural, one {# idea} other {# ideas}}",
  "space.audience.PUBLIC": "Public",
  "space.audience.INTERNAL": "Internal",
  "space.propose": "Propose an idea",
  "space.signInToPropose": "Sign in to propose an idea",
  "space.sort.label": "Sort ideas",
  "space.sort.newest": "Newest",
  "space.sort.top": "Most supported",
  "space.empty": "No ideas yet. Be the first to propose one!",
  "space.next": "More ideas",
  "space.first": "Back to the start",
  "space.pager": "Pagination",
  "idea.by": "by {name}",
  "idea.on": "on {date}",
  "idea.supports": "{count, plural, =0 {No support} one {# support} other {# supports}}",
  "idea.supportsWord": "{count, plural, one {support} other {supports}}",
  "idea.comments": "{count, plural, =0 {No comments} one {# comment} other {# comments}}",
  "idea.support": "Support",
  "idea.unsupport": "Withdraw my support",
  "idea.supported": "You support this idea",
  "idea.signInToSupport": "Sign in to support this idea",
  "idea.edit": "Edit the idea",
  "idea.tags": "Tags",
  "idea.stage": "Stage",
  "idea.edited": "edited on {date}",
  "stage.PROPOSED": "Proposed",
  "stage.UNDER_REVIEW": "Under review",
  "stage.SELECTED": "Selected",
  "stage.PILOT": "Pilot",
  "stage.PRODUCTION": "In production",
  "stage.REJECTED": "Not retained",
  "stage.ARCHIVED": "Archived",
  "ideaForm.newTitle": "Propose an idea in {space}",
  "ideaForm.editTitle": "Edit your idea",
  "ideaForm.title": "Title",
  "ideaForm.titleHint": "8 to 140 characters: the idea in one sentence.",
  "ideaForm.body": "Description",
  "ideaForm.bodyHint": "The problem, the proposal, what it would change. Markdown accepted (20,000 characters at most).",
  "ideaForm.tags": "Tags",
  "ideaForm.tagsHint": "Up to 5 tags separated by commas (e.g. reception, digital).",
  "ideaForm.submit": "Publish the idea",
  "ideaForm.save": "Save",
  "ideaForm.cancel": "Cancel",
  "ideaForm.created": "Your idea is published.",
  "ideaForm.saved": "Your idea was updated.",
  "comments.title": "Comments",
  "comments.empty": "No comments yet.",
  "comments.new": "Your comment",
  "comments.hint": "Markdown accepted (5,000 characters at most).",
  "comments.submit": "Comment",
  "comments.reply": "Reply",
  "comments.replyTo": "Reply to {name}",
  "comments.replyLabel": "Your reply",
  "comments.sendReply": "Send reply",
  "comments.edit": "Edit",
  "comments.editLabel": "Edit your comment",
  "comments.save": "Save",
  "comments.delete": "Delete",
  "comments.deleted": "Comment deleted",
  "comments.edited": "edited",
  "comments.signIn": "Sign in to comment.",
  "comments.added": "Your comment is published.",
  "comments.updated": "Your comment was updated.",
  "comments.removed": "Your comment was deleted.",
  "auth.signInTitle": "Sign in",
  "auth.signUpTitle": "Create an account",
  "auth.email": "Email address",
  "auth.password": "Password",
  "auth.passwordHint": "At least 10 characters.",
  "auth.displayName": "Display name",
  "auth.displayNameHint": "Shown with your ideas and comments.",
  "auth.signInSubmit": "Sign in",
  "auth.signUpSubmit": "Create my account",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already have an account?",
  "auth.invalid": "Wrong email address or password.",
  "auth.tooMany": "Too many attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "auth.emailTaken": "An account already exists with this address.",
  "auth.welcome": "Welcome, {name}!",
  "auth.signedOut": "You are signed out.",
  "account.title": "My account",
  "account.role": "Role",
  "account.sessions": "Sessions",
  "account.sessionsIntro": "A session ends after 7 days without activity, and at the latest 30 days after signing in.",
  "account.signOutAll": "Sign out of all devices",
  "account.signedOutAll": "You are signed out of all devices.",
  "role.PUBLIC": "Public contributor",
  "role.EMPLOYEE": "Employee",
  "role.SUPPLIER": "Supplier",
  "role.MODERATOR": "Moderator",
  "role.MANAGER": "Innovation manager",
  "role.ADMIN": "Administrator",
  "admin.usersTitle": "Users and roles",
  "admin.search": "Search (name or email)",
  "admin.searchSubmit": "Search",
  "admin.name": "Name",
  "admin.email": "Email",
  "admin.role": "Role",
  "admin.access": "InnovAction access",
  "admin.changeRole": "Change role",
  "admin.grant": "Grant access",
  "admin.revoke": "Revoke access",
  "admin.roleChanged": "{name}'s role: {role}.",
  "admin.accessGranted": "{name} now has access to {space}.",
  "admin.accessRevoked": "{name} no longer has access to {space}.",
  "admin.viaRole": "through their role",
  "admin.notApplicable": "—",
  "admin.noUsers": "No users found.",
  "admin.selfDemote": "You cannot remove your own administrator role.",
  "error.notFoundTitle": "Page not found",
  "error.notFound": "This page does not exist or you do not have access to it.",
  "error.forbiddenTitle": "Access denied",
  "error.forbidden": "You do not have the rights needed for this action.",
  "error.badRequestTitle": "Invalid request",
  "error.badRequest": "The request could not be processed.",
  "error.genericTitle": "Something went wrong",
  "error.generic": "We could not process your request. Please try again in a moment.",
  "error.backHome": "Back to home",
  "form.errorSummary": "The form contains errors.",
  "form.required": "This field is required.",
  "form.tooShort": "At least {min, plural, one {# character} other {# characters}}.",
  "form.tooLong": "At most {max, plural, one {# character} other {# characters}}.",
  "form.invalidEmail": "Invalid email address.",
  "form.invalid": "Invalid value.",
  "form.tooManyTags": "At most 5 tags.",
  "form.invalidTag": "A tag has 2 to 30 characters: letters, digits, spaces or hyphens.",
  "form.controlChars": "Control characters are not allowed.",
  "form.honeypot": "Submission refused.",
  "date.relativeNow": "just now",
};

const catalogs: Record<Locale, Messages> = { fr, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules("fr"),
  en: new Intl.PluralRules("en"),
};
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat("fr-FR"),
  en: new Intl.NumberFormat("en-GB"),
};

/**
 * A deliberately small ICU subset: `{name}` and `{n, plural, =0 {…} one {…} other {…}}` with `#`.
 */
export function format(locale: Locale, template: string, params: Params = {}): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open === -1) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    const inner = template.slice(open + 1, close);
    const [name, kind, ...rest] = splitTop(inner);
    const value = params[name!.trim()];
    if (kind?.trim() === "plural" && typeof value === "number") {
      out += pluralBranch(locale, rest.join(","), value);
    } else {
      out += value === undefined ? `{${inner}}` : typeof value === "number" ? numberFormats[locale].format(value) : value;
    }
    i = close + 1;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}" && --depth === 0) return j;
  }
  throw new Error(`Unbalanced braces in message: ${s}`);
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}") depth--;
    else if (s[j] === "," && depth === 0 && parts.length < 2) {
      parts.push(s.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function pluralBranch(locale: Locale, spec: string, n: number): string {
  const branches = new Map<string, string>();
  const re = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(spec))) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(spec, open);
    branches.set(m[1]!, spec.slice(open + 1, close));
    re.lastIndex = close + 1;
  }
  const chosen = branches.get(`=${n}`) ?? branches.get(pluralRules[locale].select(n)) ?? branches.get("other") ?? "";
  return chosen.replaceAll("#", numberFormats[locale].format(n));
}

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, params) => format(locale, messages[key] ?? key, params);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Cookie first, then the browser's Accept-Language, then French. */
export function detectLocale(cookieValue: string | null, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag, ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { lang: (tag ?? "").toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (isLocale(lang)) return lang;
  }
  return DEFAULT_LOCALE;
}

export function formatDate(locale: Locale, date: Date | string): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  }).format(new Date(date));
}
