# Fehlermeldungen der Zertifikats-API auf Deutsch.
# Jeder Schlüssel ist der des Katalogs (`template::<ApiError>()` listet sie); die
# Variablen `{ $name }` sind die, die die englische Meldung nennt.

## Standardcodes

bad_request = Die Anfrage ist unverständlich.
missing_version = Der Header Certifier-Version ist erforderlich.
invalid_version = Der Header Certifier-Version nennt keine unterstützte Version.
invalid_json = Der Anfragetext ist kein gültiges JSON.
validation_error = Ein oder mehrere Parameter fehlen oder sind ungültig.
unauthorized = Diese Anfrage erfordert eine Anmeldung.
payment_required = Diese Funktion erfordert einen Premium-Tarif.
forbidden = Sie haben keinen Zugriff auf diese Ressource.
not_found = Die angeforderte Ressource existiert nicht.
conflict = Die Anfrage widerspricht dem aktuellen Zustand; aktualisieren Sie und versuchen Sie es erneut.
rate_limited = Zu viele Anfragen; bitte verlangsamen Sie und versuchen Sie es später erneut.
internal_server_error = Bei uns ist etwas schiefgelaufen; bitte versuchen Sie es später erneut.

## Antworten der Schichten

method-not-allowed = Die angeforderte Ressource unterstützt diese Methode nicht.
timeout = Der Server hat nicht rechtzeitig geantwortet; bitte versuchen Sie es erneut.
body-too-large = Der Anfragetext ist zu groß.
body-unreadable = Der Anfragetext konnte nicht gelesen werden.
body-not-json = Der Anfragetext muss JSON sein, gesendet mit `content-type: application/json`.
body-not-form = Der Anfragetext muss Formulardaten enthalten, gesendet mit `content-type: application/x-www-form-urlencoded`.
uri-too-long = Die Anfrage-URI ist zu lang.
headers-too-large = Die Anfrage-Header sind zu groß.

## Fehler der API selbst

unexpected-body = Diese Anfrage nimmt keinen Anfragetext an.
wildcard-needs-premium = Wildcard-Zertifikate erfordern einen Premium-Tarif.
plan_limit = Der Tarif { $plan } erlaubt Zertifikate mit höchstens { $max_validity_days ->
    [one] einem Tag
   *[other] { $max_validity_days } Tagen
} Gültigkeit.
certificate-not-yours = Das Zertifikat `{ $field0 }` gehört einer anderen Organisation.
unknown-certificate = Kein Zertifikat hat die ID `{ $field0 }`.
domain-taken = `{ $domain }` hat bereits ein aktives Zertifikat.
renewal-limited = Verlängerungen sind begrenzt; versuchen Sie es in { $retry_after } s erneut.
check-limited = Domainprüfungen sind auf eine pro Sekunde begrenzt; versuchen Sie es in { $retry_after } s erneut.

## Einträge in `errors` eines Validierungsfehlers

violation-missing = Ein erforderlicher Wert fehlt.
violation-invalid_type = Dieser Wert hat den falschen Typ.
violation-invalid_value = Dieser Wert gehört nicht zu den erlaubten Werten.
violation-invalid_length = Dieser Wert hat die falsche Länge.
violation-unknown_member = Dieses Feld ist hier nicht erlaubt.
violation-duplicate_member = Dieses Feld ist mehrfach angegeben.
violation-invalid_syntax = Das JSON ist an dieser Stelle fehlerhaft oder abgeschnitten.
violation-too_short = Dieser Wert ist zu kurz.
violation-too_long = Dieser Wert ist zu lang.
violation-out_of_range = Dieser Wert liegt außerhalb des erlaubten Bereichs.
violation-invalid_email = Dies ist keine gültige E-Mail-Adresse.
violation-invalid_url = Dies ist keine gültige URL.
violation-invalid_ip = Dies ist keine gültige IP-Adresse.
violation-invalid_card = Dies ist keine gültige Kartennummer.
violation-invalid_format = Dieser Wert hat nicht das erwartete Format.
violation-must_match = Dieser Wert muss mit einem anderen Feld übereinstimmen.
violation-missing_part = Diesem Wert fehlt ein erforderlicher Teil.
violation-forbidden_part = Dieser Wert enthält einen nicht erlaubten Teil.
violation-control_character = Dieser Wert darf keine Steuerzeichen enthalten.
violation-other = Dieser Wert ist ungültig.
