-- Source: https://www.opendental.com/site/querysql.html ("Using SQL to Write Reports", Examples;
--   mirrored in github.com/rbarfinezhadfeli0/open_dental docs/md/www.opendental.com/site/querysql.md)
-- Reports: the last 10 ADA codes (<= D9999) whose time pattern is '/X/'. The manual points out it
--   mixes single- and double-quoted strings on purpose.
-- Edits: none.
SELECT ProcCode, AbbrDesc,Descript FROM procedurecode WHERE ProcTime = '/X/' AND ProcCode<= "D9999" ORDER BY ProcCode DESC LIMIT 10;
