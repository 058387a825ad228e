-- Module: tickets. Each ticket's QR code carries a serial; reissuing a code bumps it, so an old
-- screenshot stops working while the signature scheme stays offline-verifiable.

alter table tickets add column code_serial bigint not null default 0;
alter table tickets add constraint tickets_code_serial_check check (code_serial >= 0);
