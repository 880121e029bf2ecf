package dev.orderflow.payment.store;

import dev.orderflow.payment.domain.CreditAccount;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

public interface CreditAccounts extends ListCrudRepository<CreditAccount, String> {

    /** The account, locked until the transaction ends, so two payments of one customer cannot spend the same credit. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from CreditAccount a where a.customerId = :customerId")
    Optional<CreditAccount> findForUpdate(String customerId);
}
