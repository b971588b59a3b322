# Le parcours des missions : candidats, missions, rapports, évaluations, notifications, appels, tableaux de bord.

request-history-reopen = Rouverte : une mission a été annulée
