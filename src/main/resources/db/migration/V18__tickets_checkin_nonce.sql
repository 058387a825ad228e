-- Module: tickets. The scanner's nonce of the scan that admitted a ticket: a retried scan with the
-- same nonce (a lost response) is answered "admitted" again, any other second scan "already checked in".

alter table tickets add column checkin_nonce text;
alter table tickets add constraint tickets_checkin_nonce_check
    check (checkin_nonce is null or char_length(checkin_nonce) between 1 and 100);
