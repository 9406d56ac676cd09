//! Les réponses qu'API Gateway fabrique lui-même pour l'autorisation (fourni, rien à écrire ici).
//!
//! Votre code ne les envoie jamais : c'est API Gateway (ou la passerelle locale du cours) qui
//! les renvoie au client, selon ce que l'autorisateur a répondu. Les corps sont ceux qu'on
//! observe chez AWS ; notez le `Message` à majuscule des 403 d'une politique. Page « 7.3 La
//! réponse de l'autorisateur » (reponse.md) du chapitre 07.

/// Une réponse d'API Gateway : statut, corps, et en-tête `x-amzn-ErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReponsePasserelle {
    /// Le statut HTTP.
    pub statut: u16,
    /// Le corps JSON, au caractère près.
    pub corps: &'static str,
    /// La valeur de l'en-tête `x-amzn-ErrorType`.
    pub type_erreur: &'static str,
}

/// L'autorisateur a renvoyé l'erreur `Unauthorized` (ou l'en-tête d'identité manque) : 401.
pub const NON_AUTORISE: ReponsePasserelle = ReponsePasserelle {
    statut: 401,
    corps: r#"{"message":"Unauthorized"}"#,
    type_erreur: "UnauthorizedException",
};

/// La politique refuse explicitement la méthode (`"Effect": "Deny"`) : 403.
pub const REFUS_EXPLICITE: ReponsePasserelle = ReponsePasserelle {
    statut: 403,
    corps: r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#,
    type_erreur: "AccessDeniedException",
};

/// La politique ne couvre pas la méthode appelée (refus implicite) : 403.
pub const REFUS_IMPLICITE: ReponsePasserelle = ReponsePasserelle {
    statut: 403,
    corps: r#"{"Message":"User is not authorized to access this resource"}"#,
    type_erreur: "AccessDeniedException",
};

/// L'autorisateur a échoué autrement (autre erreur, réponse illisible) : 500.
pub const ERREUR_AUTORISATEUR: ReponsePasserelle = ReponsePasserelle {
    statut: 500,
    corps: r#"{"message": null}"#,
    type_erreur: "AuthorizerConfigurationException",
};

/// La clé d'API manque ou n'est pas celle d'un plan d'utilisation de l'étape : 403.
pub const CLE_API_REFUSEE: ReponsePasserelle = ReponsePasserelle {
    statut: 403,
    corps: r#"{"message":"Forbidden"}"#,
    type_erreur: "ForbiddenException",
};
