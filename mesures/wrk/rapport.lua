-- Le rapport de wrk en une ligne JSON, à la fin de la mesure (`wrk -s rapport.lua`) :
-- requêtes, durée et centiles en microsecondes, réponses hors 2xx/3xx, erreurs de socket.
done = function(resume, latence, requetes)
  local e = resume.errors
  io.write(string.format(
    '{"requetes": %d, "duree_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"hors_2xx_3xx": %d, "connexion": %d, "lecture": %d, "ecriture": %d, "delai": %d}\n',
    resume.requests, resume.duration, latence:percentile(50), latence:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
