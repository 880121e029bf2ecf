-- The keys that sign access tokens: the newest one not retired signs; retired ones stay published for a while.
create table signing_key (
    kid        text        primary key,
    jwk        text        not null,  -- the RSA key pair as a JSON Web Key, private part included
    created_at timestamptz not null,
    retired_at timestamptz
);

-- Who logs in: what Spring Security's JdbcUserDetailsManager reads and writes.
create table users (
    username text    primary key,
    password text    not null,  -- encoded, with its encoding's prefix: {bcrypt}...
    enabled  boolean not null
);

create table authorities (
    username  text not null references users (username) on delete cascade,
    authority text not null,  -- ROLE_CUSTOMER, ROLE_ADMIN
    primary key (username, authority)
);
