package dev.orderflow.payment.cashier;

import dev.orderflow.events.Money;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.payment.domain.LedgerEntry;
import dev.orderflow.payment.store.CreditAccounts;
import dev.orderflow.payment.store.Ledger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Opens credit accounts and changes their limits, each change in the ledger. */
@Component
public class CreditLimits {

    private final CreditAccounts accounts;
    private final Ledger ledger;
    private final Clock clock;

    CreditLimits(CreditAccounts accounts, Ledger ledger, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The result of setting a limit: the account as it is now, and whether it was opened by this call. */
    public record LimitSet(CreditAccount account, boolean opened) {
    }

    /** Opens the account with this limit, or sets the limit of the existing one (never below what is in use). */
    @Transactional
    public LimitSet setLimit(String customerId, Money limit) {
        Instant now = clock.instant();
        Optional<CreditAccount> existing = accounts.findForUpdate(customerId);
        if (existing.isPresent()) {
            CreditAccount account = existing.get();
            Money change = account.changeLimit(limit, now);
            accounts.update(account);
            if (!change.isZero()) {
                ledger.append(LedgerEntry.limitChange(account, change, now));
            }
            return new LimitSet(account, false);
        }
        CreditAccount account = CreditAccount.open(customerId, limit, now);
        accounts.insert(account);
        ledger.append(LedgerEntry.limitChange(account, limit, now));
        return new LimitSet(account, true);
    }

    /** Opens the account unless it exists; for seeding data that must not overwrite what customers spent. */
    @Transactional
    public boolean openIfAbsent(String customerId, Money limit) {
        if (accounts.existsById(customerId)) {
            return false;
        }
        setLimit(customerId, limit);
        return true;
    }

    @Transactional(readOnly = true)
    public Optional<CreditAccount> account(String customerId) {
        return accounts.findById(customerId);
    }
}
