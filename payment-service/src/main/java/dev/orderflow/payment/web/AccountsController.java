package dev.orderflow.payment.web;

import dev.orderflow.events.Money;
import dev.orderflow.payment.cashier.CreditLimits;
import dev.orderflow.payment.domain.CreditAccount;
import dev.orderflow.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/**
 * Customers' credit: read it (a customer its own only: another's answers 404, as an unknown one does), and (admin)
 * set its limit.
 */
@RestController
@RequestMapping("/api/accounts")
class AccountsController {

    private final CreditLimits creditLimits;

    AccountsController(CreditLimits creditLimits) {
        this.creditLimits = creditLimits;
    }

    @GetMapping("/{customerId}")
    AccountView account(@PathVariable @Size(max = 64) String customerId) {
        Caller caller = Caller.current();
        return creditLimits.account(customerId).filter(account -> caller.mayActFor(account.customerId()))
                .map(AccountView::of)
                .orElseThrow(() -> new UnknownAccountException(customerId));
    }

    /** Opens the account ({@code 201}) or changes its limit ({@code 200}); available credit moves by the difference. */
    @PutMapping("/{customerId}")
    ResponseEntity<AccountView> setLimit(@PathVariable @Size(min = 1, max = 64) String customerId,
            @Valid @RequestBody SetCreditLimit request) {
        CreditLimits.LimitSet result = creditLimits.setLimit(customerId, request.creditLimit().toMoney());
        return ResponseEntity.status(result.opened() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AccountView.of(result.account()));
    }

    record SetCreditLimit(@NotNull @Valid AmountInput creditLimit) {
    }

    record AmountInput(
            @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "EUR", message = "must be EUR") String currency) {

        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    /** {@code available}: what the customer may spend now; {@code held}: what payments waiting for the gateway hold. */
    record AccountView(String customerId, MoneyView creditLimit, MoneyView available, MoneyView held) {

        static AccountView of(CreditAccount account) {
            return new AccountView(account.customerId(), MoneyView.of(account.creditLimit()),
                    MoneyView.of(account.available()), MoneyView.of(account.held()));
        }
    }
}
