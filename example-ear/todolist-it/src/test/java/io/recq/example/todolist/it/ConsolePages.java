package io.recq.example.todolist.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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

/**
 * The console's pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), as
 * an admin and as an operator. Each page it checks is also saved as a screenshot for the README
 * ({@code recq.console.screenshots}).
 */
final class ConsolePages implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String root;
    private final WebDriver admin;
    private WebDriver operator;

    private ConsolePages(String root, WebDriver admin) {
        this.root = root;
        this.admin = admin;
    }

    static ConsolePages open(String root) {
        return new ConsolePages(root, browser(root, Console.ADMIN, Console.ADMIN_PASSWORD));
    }

    void graphShowsEveryServiceAndTheStory() throws IOException {
        go(admin, "#/graph");
        for (String service : List.of("todolist", "todolist-domain", "todolist-views", "todolist-notifications")) {
            waitFor(admin, By.cssSelector("g.node[data-id='service:" + service + "']"));
        }
        WebElement aggregate = waitFor(admin, By.cssSelector("g.node[data-kind='aggregate']"));
        String aggregateId = aggregate.getAttribute("data-id");
        waitFor(admin, By.cssSelector("g.edge[data-from='service:todolist'][data-to='" + aggregateId + "']"));
        List<WebElement> events = admin.findElements(By.cssSelector("g.edge[data-from='" + aggregateId + "']"));
        assertThat(events).extracting(e -> e.getAttribute("data-types")).anyMatch(t -> t.contains("TodoAdded"));
        screenshot(admin, "graph");
        aggregate.click();
        waitFor(admin, By.xpath("//*[contains(text(),'TodoListAggregate')]"));
    }

    /**
     * The graph's layout, run in the browser on a system of 10 services of 5 components each (an aggregate, a saga,
     * two projectors, a projection), where each aggregate's events reach projectors of two other services and each
     * saga sends a command to the next service: no two nodes and no two services' boxes overlap, and the whole graph
     * fits the page's graph area (1,200 x 460 pixels) at 40 % or more.
     */
    void layoutIsReadableForFiftyComponents() {
        go(admin, "#/graph");
        waitFor(admin, By.cssSelector("g.node"));
        Object result = ((JavascriptExecutor) admin).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./js/layout.js').then(({ layout }) => {
                  const nodes = [], edges = [];
                  for (let s = 0; s < 10; s++) {
                    const g = 'svc' + s;
                    nodes.push({ id: 'service:' + g, group: g, minLayer: 0 });
                    for (const c of ['Agg', 'Saga', 'ProjA', 'ProjB', 'View']) nodes.push({ id: g + ':' + c, group: g, minLayer: 1 });
                    edges.push({ from: 'service:' + g, to: g + ':Agg' }, { from: 'service:' + g, to: g + ':View' });
                    for (const c of ['Saga', 'ProjA', 'ProjB']) edges.push({ from: g + ':Agg', to: g + ':' + c });
                    edges.push({ from: g + ':Agg', to: 'svc' + (s + 1) % 10 + ':ProjA' },
                      { from: g + ':Agg', to: 'svc' + (s + 2) % 10 + ':ProjB' }, { from: g + ':Saga', to: 'svc' + (s + 1) % 10 + ':Agg' });
                  }
                  const r = layout(nodes, edges, { viewWidth: 1200, viewHeight: 460 });
                  const W = r.options.nodeWidth, H = r.options.nodeHeight;
                  const at = [...r.nodes.values()], boxes = [...r.groups.values()];
                  let overlaps = 0;
                  for (let i = 0; i < at.length; i++) for (let j = i + 1; j < at.length; j++)
                    if (Math.abs(at[i].x - at[j].x) < W && Math.abs(at[i].y - at[j].y) < H) overlaps++;
                  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                    const a = boxes[i], b = boxes[j];
                    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
                  }
                  done({ placed: r.nodes.size, overlaps, scale: Math.min(1200 / r.width, 460 / r.height) });
                }, (e) => done({ error: String(e) }));
                """);
        assertThat(result).isInstanceOfSatisfying(java.util.Map.class, r -> {
            assertThat(r.get("error")).isNull();
            assertThat(((Number) r.get("placed")).intValue()).isEqualTo(60);
            assertThat(((Number) r.get("overlaps")).intValue()).isZero();
            assertThat(((Number) r.get("scale")).doubleValue()).isGreaterThanOrEqualTo(0.4);
        });
    }

    void catalogAndInstancesAndEvents(String listId) throws IOException {
        go(admin, "#/catalog");
        waitFor(admin, By.cssSelector("tr[data-type='TodoAdded']")).click();
        waitFor(admin, By.xpath("//*[contains(text(),'io.recq.example.todolist.api.TodoAdded')]"));
        screenshot(admin, "catalog");
        go(admin, "#/instances");
        waitFor(admin, By.xpath("//*[contains(text(),'todolist-views')]"));
        screenshot(admin, "instances");
        go(admin, "#/events/aggregate/" + listId);
        waitFor(admin, By.xpath("//*[contains(text(),'TodoListCreated')]"));
        screenshot(admin, "aggregate");
        go(admin, "#/events");
        waitFor(admin, By.xpath("//*[contains(text(),'TodoChecked')]"));
        screenshot(admin, "events");
    }

    void operatorSeesNoRetry(long deadId) throws IOException {
        operator = browser(root, Console.OPERATOR, Console.OPERATOR_PASSWORD);
        go(operator, "#/dead-letters");
        waitFor(operator, By.cssSelector("tr[data-dead-id='" + deadId + "']")).click();
        waitFor(operator, By.xpath("//*[contains(text(),'poison four')]"));
        assertThat(operator.findElements(By.cssSelector("button.retry"))).isEmpty();
        assertThat(operator.findElements(By.cssSelector("button.delete"))).isEmpty();
        assertThat(operator.findElements(By.cssSelector("button.retry-selected"))).isEmpty();
    }

    void adminRetries(long deadId) throws IOException {
        go(admin, "#/dead-letters");
        By row = By.cssSelector("tr[data-dead-id='" + deadId + "']");
        waitFor(admin, row).click();
        waitFor(admin, By.xpath("//*[contains(text(),'poison four')]"));
        screenshot(admin, "dead-letters");
        waitFor(admin, By.cssSelector("button.retry")).click();
        new WebDriverWait(admin, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(row));
    }

    void consumersShowTheReplay(String consumer) throws IOException {
        go(admin, "#/consumers");
        By state = By.cssSelector("tr[data-consumer='" + consumer + "'] td.state");
        new WebDriverWait(admin, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(state, "replaying"));
        // a second poll: the throughput and the time left need two positions
        new WebDriverWait(admin, WAIT).until(d -> !d.findElement(By.cssSelector("tr[data-consumer='" + consumer
                + "'] td.progress")).getText().isBlank());
        screenshot(admin, "consumers");
    }

    /** Replays the consumer from its first event, with the page's confirmation, and sees it replay again. */
    void adminReplays(String consumer) {
        go(admin, "#/consumers");
        By row = By.cssSelector("tr[data-consumer='" + consumer + "']");
        By state = By.cssSelector("tr[data-consumer='" + consumer + "'] td.state");
        new WebDriverWait(admin, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(state, "running"));
        waitFor(admin, row).findElement(By.cssSelector("button.replay")).click();
        WebElement from = waitFor(admin, By.cssSelector(".modal .confirm-input"));
        from.clear();
        from.sendKeys("1");
        waitFor(admin, By.cssSelector(".modal button.confirm-ok")).click();
        new WebDriverWait(admin, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(state, "replaying"));
    }

    void operatorSeesNoReplay(String consumer) {
        go(operator, "#/consumers");
        waitFor(operator, By.cssSelector("tr[data-consumer='" + consumer + "']"));
        assertThat(operator.findElements(By.cssSelector("button.replay"))).isEmpty();
    }

    @Override
    public void close() {
        admin.quit();
        if (operator != null) {
            operator.quit();
        }
    }

    private void go(WebDriver driver, String fragment) {
        driver.get(root + fragment);
    }

    private static WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        String directory = System.getProperty("recq.console.screenshots");
        if (directory == null) {
            return;
        }
        Path target = Path.of(directory, name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A headless Chromium logged in as the user: the first page is opened with the user in the address, and the
     * browser keeps the credentials for the console's later calls.
     */
    private static WebDriver browser(String root, String user, String password) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
        driver.get(root.replace("://", "://" + user + ":" + password + "@"));
        return driver;
    }
}
