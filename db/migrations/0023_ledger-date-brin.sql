-- Date-ordered access to the ledger. Imports append in the order of the events' dates
-- (a file follows the calendar, and each file follows the one before), so the tables'
-- physical order follows `date`: a BRIN index (a few pages for millions of rows) lets a
-- balance or a national view up to a date skip the block ranges of the later years,
-- where a scan of the whole table grew with the ledger. Late-dated rows only widen a
-- range's summary; ranges not yet summarised are always read, so answers never change.
CREATE INDEX IF NOT EXISTS ledger_actor_days_date_brin ON ledger_actor_days USING brin (date) WITH (pages_per_range = 16, autosummarize = on);
CREATE INDEX IF NOT EXISTS ledger_events_date_brin ON ledger_events USING brin (date) WITH (pages_per_range = 32, autosummarize = on);
