"""L'API Produits en Python, écrite comme le gestionnaire du module, mais corrigée (page 3.3 :
`queryStringParameters` vaut `None` sans chaîne de requête ; `import json` ; `Content-Type`).

C'est le point de comparaison de `cargo xtask bench`, pas une solution du cours : les mêmes
trois routes que l'API Rust mesurée (GET /produits/{id}, GET /produits, POST /produits), la même
validation de POST, les mêmes erreurs JSON. Le magasin est choisi au démarrage, comme en Rust :
la table DynamoDB `TABLE_PRODUITS` (client boto3 construit à l'initialisation), sinon un
dictionnaire en mémoire.
"""

import base64
import json
import math
import os
import uuid

ORIGINE = os.environ.get("ORIGINES_AUTORISEES", "https://boutique.exemple.fr")
LIMITE_PAR_DEFAUT = 20
LIMITE_MAXIMALE = 100
CHAMPS = {"nom", "prix", "description"}


class MagasinMemoire:
    """Des produits rangés par identifiant."""

    def __init__(self, produits=()):
        self.produits = {p["id"]: p for p in produits}

    def obtenir(self, id_):
        return self.produits.get(id_)

    def lister(self, limite, apres):
        ids = sorted(i for i in self.produits if apres is None or i > apres)
        page = [self.produits[i] for i in ids[:limite]]
        return page, (page[-1]["id"] if len(ids) > limite else None)

    def creer(self, produit):
        self.produits[produit["id"]] = produit


class MagasinDynamoDb:
    """La table DynamoDB : le client boto3 est construit une fois, au démarrage à froid."""

    def __init__(self, table):
        import boto3

        self.table = table
        self.client = boto3.client(
            "dynamodb", endpoint_url=os.environ.get("DYNAMODB_ENDPOINT") or None
        )

    def obtenir(self, id_):
        reponse = self.client.get_item(TableName=self.table, Key={"id": {"S": id_}})
        item = reponse.get("Item")
        if item is None:
            return None
        produit = {"id": item["id"]["S"], "nom": item["nom"]["S"], "prix": float(item["prix"]["N"])}
        if "description" in item:
            produit["description"] = item["description"]["S"]
        return produit

    def lister(self, limite, apres):
        raise NotImplementedError("seul GET /produits/{id} sert au démarrage à froid")

    def creer(self, produit):
        raise NotImplementedError("seul GET /produits/{id} sert au démarrage à froid")


def magasin_depuis_environnement():
    table = os.environ.get("TABLE_PRODUITS")
    return MagasinDynamoDb(table) if table else MagasinMemoire()


magasin = magasin_depuis_environnement()


def reponse(statut, corps, entetes=None):
    return {
        "statusCode": statut,
        "headers": {
            "Content-Type": "application/json",
            "Access-Control-Allow-Origin": ORIGINE,
            **(entetes or {}),
        },
        "body": json.dumps(corps, ensure_ascii=False),
    }


def erreur(statut, code, message):
    return reponse(statut, {"message": message, "code": code})


def valider(corps):
    """Le produit à créer, ou le message d'une erreur 400."""
    if not isinstance(corps, dict):
        return None, "Le corps doit être un objet JSON."
    inconnus = set(corps) - CHAMPS
    if inconnus:
        return None, f"Champ inconnu : {sorted(inconnus)[0]}."
    nom = corps.get("nom")
    if not isinstance(nom, str) or not 1 <= len(nom.strip()) <= 100:
        return None, "Le champ `nom` doit avoir de 1 à 100 caractères."
    prix = corps.get("prix")
    if (
        isinstance(prix, bool)
        or not isinstance(prix, (int, float))
        or not math.isfinite(prix)
        or prix < 0
        or abs(prix * 100 - round(prix * 100)) > 1e-6
    ):
        return None, "Le champ `prix` doit être un nombre positif, au centime."
    description = corps.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > 1000):
        return None, "Le champ `description` doit avoir au plus 1000 caractères."
    produit = {"id": str(uuid.uuid4()), "nom": nom.strip(), "prix": prix}
    if description is not None:
        produit["description"] = description
    return produit, None


def lambda_handler(event, context):
    methode = event.get("httpMethod")
    ressource = event.get("resource")
    if ressource == "/produits/{id}" and methode == "GET":
        id_ = (event.get("pathParameters") or {}).get("id", "")
        produit = magasin.obtenir(id_)
        if produit is None:
            return erreur(404, "PRODUIT_INTROUVABLE", f"Aucun produit n'a l'identifiant {id_[:64]}.")
        return reponse(200, produit)
    if ressource == "/produits" and methode == "GET":
        parametres = event.get("queryStringParameters") or {}
        try:
            limite = int(parametres.get("limite", LIMITE_PAR_DEFAUT))
        except ValueError:
            limite = 0
        if not 1 <= limite <= LIMITE_MAXIMALE:
            return erreur(400, "PARAMETRE_INVALIDE", "Le paramètre `limite` doit être un entier de 1 à 100.")
        apres = None
        if parametres.get("suivant"):
            try:
                texte = parametres["suivant"]
                apres = base64.urlsafe_b64decode(texte + "=" * (-len(texte) % 4)).decode()
            except ValueError:
                return erreur(400, "PARAMETRE_INVALIDE", "Le paramètre `suivant` n'est pas un curseur valide.")
        page, dernier = magasin.lister(limite, apres)
        suivant = base64.urlsafe_b64encode(dernier.encode()).decode().rstrip("=") if dernier else None
        return reponse(200, {"produits": page, "suivant": suivant})
    if ressource == "/produits" and methode == "POST":
        entetes = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
        if not entetes.get("content-type", "").startswith("application/json"):
            return erreur(415, "TYPE_NON_SUPPORTE", "Le corps doit être du JSON (Content-Type: application/json).")
        try:
            corps = json.loads(event.get("body") or "")
        except ValueError:
            return erreur(400, "CORPS_INVALIDE", "Le corps n'est pas du JSON valide.")
        produit, probleme = valider(corps)
        if probleme:
            return erreur(400, "PARAMETRE_INVALIDE", probleme)
        magasin.creer(produit)
        return reponse(201, produit, {"Location": f"/produits/{produit['id']}"})
    return erreur(404, "ROUTE_INCONNUE", f"Aucune route pour {methode} {event.get('path')}.")
