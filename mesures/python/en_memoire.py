"""Le coût d'une invocation de l'API Python, sans le réseau : `json.loads` de l'événement, le
gestionnaire sur un magasin en mémoire, `json.dumps` de la réponse (ce que fait le runtime
Python de Lambda autour du gestionnaire). Lancé par `cargo xtask bench`.

Usage : python en_memoire.py DOSSIER SERIES ITERATIONS
DOSSIER contient produits.json et un fichier <route>.json par événement, écrits par la commande
à partir du banc d'essai du cours (les mêmes octets que ceux que lit Rust). Écrit sur la sortie
standard un document JSON : pour chaque route, la médiane des moyennes de SERIES séries de
ITERATIONS invocations, et celle de `json.loads` seul, en nanosecondes.
"""

import json
import statistics
import sys
import time
from pathlib import Path

import api_produits

ROUTES = {"obtenir-produit": 200, "lister-produits": 200, "creer-produit": 201}


def invoquer(evenement):
    return json.dumps(api_produits.lambda_handler(json.loads(evenement), None))


def series(fonction, evenement, nombre, iterations, produits):
    """Les moyennes de `nombre` séries, après une série d'échauffement ; un magasin neuf
    avant chaque série (POST y range au plus une série de produits)."""
    moyennes = []
    for rang in range(nombre + 1):
        api_produits.magasin = api_produits.MagasinMemoire(produits)
        debut = time.perf_counter_ns()
        for _ in range(iterations):
            fonction(evenement)
        duree = time.perf_counter_ns() - debut
        if rang > 0:
            moyennes.append(duree / iterations)
    return moyennes


def main():
    dossier, nombre, iterations = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    produits = json.loads((dossier / "produits.json").read_text(encoding="utf-8"))
    resultats = []
    for route, statut in ROUTES.items():
        evenement = (dossier / f"{route}.json").read_text(encoding="utf-8")
        api_produits.magasin = api_produits.MagasinMemoire(produits)
        obtenu = json.loads(invoquer(evenement))["statusCode"]
        if obtenu != statut:
            sys.exit(f"{route} : statut {obtenu} au lieu de {statut}, la mesure porterait sur une erreur")
        invocation = series(invoquer, evenement, nombre, iterations, produits)
        lecture = series(json.loads, evenement, nombre, iterations, produits)
        resultats.append(
            {
                "route": route,
                "evenement_octets": len(evenement.encode("utf-8")),
                "mediane_ns": statistics.median(invocation),
                "lecture_mediane_ns": statistics.median(lecture),
            }
        )
    json.dump(resultats, sys.stdout)


if __name__ == "__main__":
    main()
