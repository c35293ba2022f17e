# Messages d'erreur de l'API de certificats, en français.
# Chaque clé est celle du catalogue (`template::<ApiError>()` en donne la liste) ; les
# variables `{ $nom }` sont celles que le message anglais nomme.

## Codes standard

bad_request = La requête est incompréhensible.
missing_version = L'en-tête Certifier-Version est obligatoire.
invalid_version = L'en-tête Certifier-Version ne désigne aucune version prise en charge.
invalid_json = Le corps de la requête n'est pas du JSON valide.
validation_error = Un ou plusieurs paramètres sont absents ou invalides.
unauthorized = Cette requête demande une authentification.
payment_required = Cette fonction demande une offre premium.
forbidden = Vous n'avez pas accès à cette ressource.
not_found = La ressource demandée n'existe pas.
conflict = La requête contredit l'état actuel ; actualisez puis réessayez.
rate_limited = Trop de requêtes ; ralentissez et réessayez plus tard.
internal_server_error = Une erreur s'est produite de notre côté ; réessayez plus tard.

## Réponses des couches

method-not-allowed = La ressource demandée n'accepte pas cette méthode.
timeout = Le serveur n'a pas répondu à temps ; réessayez.
body-too-large = Le corps de la requête est trop volumineux.
body-unreadable = Le corps de la requête n'a pas pu être lu.
body-not-json = Le corps de la requête doit être du JSON, envoyé avec `content-type: application/json`.
body-not-form = Le corps de la requête doit être un formulaire, envoyé avec `content-type: application/x-www-form-urlencoded`.
uri-too-long = L'URI de la requête est trop longue.
headers-too-large = Les en-têtes de la requête sont trop volumineux.

## Erreurs propres à l'API

unexpected-body = Cette requête n'accepte pas de corps.
wildcard-needs-premium = Les certificats génériques demandent une offre premium.
plan_limit = L'offre { $plan } permet des certificats valables { $max_validity_days ->
    [one] un jour
   *[other] { $max_validity_days } jours
} au plus.
certificate-not-yours = Le certificat `{ $field0 }` appartient à une autre organisation.
unknown-certificate = Aucun certificat n'a l'identifiant `{ $field0 }`.
domain-taken = `{ $domain }` a déjà un certificat actif.
renewal-limited = Les renouvellements sont limités ; réessayez dans { $retry_after } s.
check-limited = Les vérifications de domaine sont limitées à une par seconde ; réessayez dans { $retry_after } s.

## Éléments `errors` d'une erreur de validation

violation-missing = Une valeur obligatoire est absente.
violation-invalid_type = Cette valeur n'a pas le bon type.
violation-invalid_value = Cette valeur ne fait pas partie des valeurs acceptées.
violation-invalid_length = Cette valeur n'a pas la bonne longueur.
violation-unknown_member = Ce membre n'est pas accepté ici.
violation-duplicate_member = Ce membre est donné plus d'une fois.
violation-invalid_syntax = Le JSON est mal formé ou tronqué à cet endroit.
violation-too_short = Cette valeur est trop courte.
violation-too_long = Cette valeur est trop longue.
violation-out_of_range = Cette valeur sort de l'intervalle accepté.
violation-invalid_email = Ce n'est pas une adresse e-mail valide.
violation-invalid_url = Ce n'est pas une URL valide.
violation-invalid_ip = Ce n'est pas une adresse IP valide.
violation-invalid_card = Ce n'est pas un numéro de carte valide.
violation-invalid_format = Cette valeur n'a pas le format attendu.
violation-must_match = Cette valeur doit être égale à un autre membre.
violation-missing_part = Il manque une partie obligatoire à cette valeur.
violation-forbidden_part = Cette valeur contient une partie interdite.
violation-control_character = Cette valeur ne doit pas contenir de caractères de contrôle.
violation-other = Cette valeur est invalide.
