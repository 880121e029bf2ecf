-- Products with their stock in three buckets. The checks hold invariant I2 even against a bug in the code:
-- every unit stocked is available, reserved or sold, and no bucket goes negative.
create table product (
    sku            varchar(32)   not null primary key,
    name           varchar(200)  not null,
    price_amount   numeric(12,2) not null,
    price_currency varchar(3)    not null,
    initial_stock  integer       not null,
    restocked      integer       not null,
    available      integer       not null,
    reserved       integer       not null,
    sold           integer       not null,
    version        bigint        not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    constraint product_sku_format check (sku ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
    constraint product_price_positive check (price_amount > 0),
    constraint product_buckets_not_negative
        check (initial_stock >= 0 and restocked >= 0 and reserved >= 0 and sold >= 0),
    constraint product_available_not_negative check (available >= 0),
    constraint product_stock_balances
        check (initial_stock::bigint + restocked = available::bigint + reserved + sold)
);

-- One row per order that asked for stock, whatever the answer: the primary key is what makes a second
-- reservation for the same order impossible.
create table reservation (
    order_id   uuid        not null primary key,
    status     varchar(16) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint reservation_status_known check (status in ('RESERVED', 'COMMITTED', 'RELEASED', 'REJECTED'))
);

create table reservation_line (
    order_id uuid        not null references reservation (order_id),
    sku      varchar(32) not null references product (sku),
    quantity integer     not null,
    primary key (order_id, sku),
    constraint reservation_line_quantity_positive check (quantity > 0)
);

-- SKUs here come from commands as they were sent and may name no product at all.
create table reservation_shortage (
    order_id  uuid    not null references reservation (order_id),
    sku       text    not null,
    requested integer not null,
    available integer not null,
    primary key (order_id, sku)
);

-- The ledger: every unit that moved, appended, never changed.
create table stock_movement (
    id          bigint generated always as identity primary key,
    sku         varchar(32) not null references product (sku),
    type        varchar(16) not null,
    quantity    integer     not null,
    order_id    uuid,
    occurred_at timestamptz not null,
    constraint stock_movement_type_known check (type in ('RESTOCK', 'RESERVE', 'RELEASE', 'COMMIT', 'RETURN')),
    constraint stock_movement_quantity_positive check (quantity > 0),
    constraint stock_movement_order_unless_restock check ((type = 'RESTOCK') = (order_id is null))
);

create index stock_movement_by_sku on stock_movement (sku, id);

create function stock_movement_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'stock_movement is append-only: % refused', tg_op;
end
$$;

create trigger stock_movement_append_only
    before update or delete on stock_movement
    for each row execute function stock_movement_append_only();
