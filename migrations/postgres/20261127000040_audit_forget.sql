-- The audit log stays append-only, with one exception: erasing a person removes their email
-- and network address from the entries they made (GDPR art. 17), and changes nothing else.
DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW WHEN (NOT (
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
    AND NEW.action = OLD.action AND NEW.target_kind = OLD.target_kind AND NEW.target_id = OLD.target_id
    AND NEW.detail = OLD.detail AND NEW.actor_label = '(erased)' AND NEW.client_ip = ''
))
EXECUTE FUNCTION audit_log_append_only();
