package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's page in a real browser (headless Chromium, Debian's, installed by browser.sh): an operator logs in at
 * the authorization server, orders placed through the API appear on the page and reach CONFIRMED without a reload,
 * and one order's timeline opens with its eight messages. The page's screenshot is kept in target/ (and written to
 * docs/img/console.png with {@code -Dorderflow.screenshot.update=true}).
 */
class ConsolePageIT extends EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Stack stack = RunningSystem.stack();
    private WebDriver browser;

    @BeforeEach
    void openABrowser() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorWatchesOrdersReachConfirmedWithoutAReload() throws IOException {
        browser.get(stack.service(OrderflowService.CONSOLE).baseUrl().toString());

        // Not logged in: the authorization server's login form, then back to the page.
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("ops");
        browser.findElement(By.id("password")).sendKeys(stack.secrets().demoPassword());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
        assertThat(browser.getCurrentUrl()).startsWith(stack.service(OrderflowService.CONSOLE).baseUrl().toString());
        // Survives only as long as the page does: a reload would clear it.
        script("window.orderflowNoReload = 'still here';");

        String sku = catalog.newProduct("3.20", 20);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(api.placeAcceptedOrder("c-1005", new Api.Line(sku, 1)));
        }

        for (String orderId : orders) {
            By finished = By.cssSelector("#finished tr[data-order='" + orderId + "']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(finished, "CONFIRMED"));
        }
        assertThat(script("return window.orderflowNoReload;")).isEqualTo("still here");
        assertThat(Integer.parseInt(browser.findElement(By.id("last-minute")).getText())).isGreaterThanOrEqualTo(3);

        browser.findElement(By.cssSelector("#finished tr[data-order='" + orders.getFirst() + "']")).click();
        WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        wait.until(driver -> timeline.findElements(By.cssSelector("tbody tr")).size() == 8);
        assertThat(timeline.findElement(By.id("timeline-order")).getText()).isEqualTo(orders.getFirst());
        assertThat(timeline.findElements(By.cssSelector("tbody tr td:nth-child(2)")))
                .extracting(WebElement::getText).contains("order-service", "inventory-service", "payment-service");
        assertThat(browser.findElement(By.id("resume")).isDisplayed())
                .as("no operator action on a saga that has ended").isFalse();
        assertThat(browser.findElements(By.cssSelector("#lag tbody tr"))).as("a row per consumer group").hasSize(5);
        // Read in one script: the page redraws the table every second, and elements found before a redraw go stale.
        wait.until(driver -> script("return [...document.querySelectorAll('#backlog tbody tr td:nth-child(2)')]"
                + ".map(cell => cell.textContent);") instanceof List<?> waiting && waiting.size() == 4
                && waiting.stream().allMatch(figure -> String.valueOf(figure).matches("\\d+")));

        keepScreenshot();
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void keepScreenshot() throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path kept = Path.of("target", "console.png");
        Files.createDirectories(kept.getParent());
        Files.copy(shot.toPath(), kept, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("orderflow.screenshot.update")) {
            Path root = Path.of(System.getProperty("orderflow.repository.root", ".."));
            Files.copy(shot.toPath(), root.resolve("docs").resolve("img").resolve("console.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
