-- A programme's name and description in English, in French or in both (issue 13): each reader
-- reads their language's version, else the other one. An empty text is a language not given;
-- the application requires a name in one of the two. The name and description written so far
-- become the English ones (the platform's first language): readers of French go on reading
-- them until a French version is written.

ALTER TABLE programmes RENAME COLUMN name TO name_en;
ALTER TABLE programmes RENAME COLUMN description TO description_en;
ALTER TABLE programmes ADD COLUMN name_fr TEXT NOT NULL DEFAULT '';
ALTER TABLE programmes ADD COLUMN description_fr TEXT NOT NULL DEFAULT '';
