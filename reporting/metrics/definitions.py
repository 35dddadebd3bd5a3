"""The definitions printed next to the figures (dashboard, export, appendix of the meeting pack)."""

DEFINITIONS: dict[str, tuple[str, str]] = {
    "population": (
        "Personnes comptées",
        "Avec une cohorte choisie : ses membres entrés au plus tard le dernier jour de la période. Sans cohorte : "
        "les personnes entrées au plus tard le dernier jour de la période et dont le suivi (ou la sortie anticipée) "
        "n'était pas terminé au premier jour de la période.",
    ),
    "status": (
        "En suivi, suivi terminé, sortie anticipée",
        "État au dernier jour de la période. Le suivi dure un an (date d'entrée + 1 an − 1 jour), même quand la "
        "personne a trouvé un emploi. Une sortie anticipée (déménagement, abandon, perte de contact…) est "
        "enregistrée avec son motif.",
    ),
    "age": (
        "Tranche d'âge",
        "Âge atteint dans l'année du dernier jour de la période (année de la période − année de naissance) : seule "
        "l'année de naissance compte, elle reste connue après l'anonymisation des fiches.",
    ),
    "barriers": (
        "Freins périphériques",
        "Freins identifiés au plus tard le dernier jour de la période, dans l'état où ils étaient ce jour-là : "
        "identifié, en cours de levée, levé, non levé ou abandonné. Taux de levée = freins levés / freins identifiés.",
    ),
    "milestones": (
        "Situations aux jalons",
        "Situation connue à l'entrée, à 6 mois, à 12 mois (fin du suivi, ou date de sortie anticipée) et 6 mois "
        "après la fin, pour les personnes dont le jalon est atteint à la fin de la période : la dernière situation "
        "enregistrée dans le mois qui précède le jalon, sinon la première enregistrée dans les deux mois qui suivent.",
    ),
    "emploi_durable": (
        "Emploi durable",
        "CDI, CDI intérimaire ; CDD, intérim, contrat d'apprentissage ou de professionnalisation de 6 mois ou plus "
        "(durée tirée des dates de début et de fin du contrat) ; emploi dans la fonction publique ; création "
        "d'entreprise. Le seuil est de 6 mois ou plus.",
    ),
    "emploi_de_transition": (
        "Emploi de transition",
        "CDD, intérim, contrat d'apprentissage ou de professionnalisation de moins de 6 mois (ou dont la fin "
        "n'est pas connue) ; contrat aidé chez un employeur ordinaire.",
    ),
    "sortie_positive": (
        "Sortie positive",
        "Entrée en formation qualifiante ou pré-qualifiante ; embauche par une structure d'insertion par "
        "l'activité économique (SIAE).",
    ),
    "sorties_dynamiques": (
        "Sorties dynamiques",
        "Emploi durable + emploi de transition + sortie positive. Deux taux, toujours ensemble : sorties "
        "dynamiques / situations renseignées au jalon, et sorties dynamiques / personnes qui ont atteint le jalon "
        "(situation renseignée ou non), avec le nombre de situations non renseignées. Toute autre situation (recherche d'emploi, inactivité, déménagement, perte de "
        "contact…) est une « autre situation » : toutes les sorties ne sont pas positives.",
    ),
    "activity": (
        "Activité de suivi",
        "Suivis (entretiens, appels, ateliers, visites…) enregistrés pendant la période, par l'organisation qui "
        "les a saisis, et nombre de personnes distinctes concernées.",
    ),
    "actions": (
        "Actions",
        "Actions en cours à un moment de la période. Participants : personnes inscrites (hors liste d'attente) "
        "depuis le début de l'action jusqu'à la fin de la période ; résultats obtenus, engagements, paiements et "
        "cofinancements enregistrés au plus tard le dernier jour de la période.",
    ),
    "budget": (
        "Enveloppe",
        "Enveloppe de l'année de fin de période, au dernier jour de la période. Engagé : engagements non annulés "
        "(payés compris) ; reste : montant − engagé. Alertes à 80 % et 100 % engagés.",
    ),
    "secrecy": (
        "Secret statistique",
        "Dans les ventilations, un effectif de 1 à 4 est affiché « < 5 » pour qu'aucune personne ne puisse être "
        "reconnue ; un autre effectif est masqué (« s ») quand les totaux imprimés dans le document permettraient "
        "de retrouver un effectif « < 5 » par soustraction, et un taux n'est donné que si ses deux effectifs le "
        "sont (« n. s. »). Aucun nom, aucune date de naissance, aucune adresse ne figure dans ce document.",
    ),
}
