-- Source: github.com/OpenDental/opendental UnitTests/UnitTests/UserQueriesTests.cs
--   (UserQueries_SplitQuery_IsSQLAllowed_QuoteInsideSeparator, commit 57613d7d8ede8124a28945ee6051acc155ec964e)
-- Reports: each patient row with its email aggregated by GROUP_CONCAT ... SEPARATOR ";"
--   (lower-case column name p.email; p.* with GROUP BY the primary key).
-- Edits: none (C# verbatim-string "" unescaped to ").
SELECT GROUP_CONCAT(p.email SEPARATOR ";"),p.* FROM patient p GROUP BY p.PatNum;
