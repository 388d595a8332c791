package dev.actorspring.sample.chat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page {@code rivetkit.html}, which chats with RivetKit's official browser client through the RivetKit gateway,
 * in headless Chromium: alice (the client's default encoding, bare) and bob (json) sign in with the login form, and
 * what each sends over the client's WebSocket reaches the other, under the sender's signed-in name; a message posted
 * over the native REST API reaches both. Runs with {@code -Pe2e} and needs Debian's {@code chromium} and
 * {@code chromium-driver}; it fails, never skips, when they are missing.
 */
class RivetKitPageBrowserTests {

	@TempDir
	static Path dataDir;

	private int port;

	private ConfigurableApplicationContext app;

	private WebDriver alice;

	private WebDriver bob;

	@BeforeEach
	void start() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.app = new SpringApplicationBuilder(ChatApplication.class)
			.properties("server.port=" + this.port, "actor.data-dir=" + dataDir.resolve("data"))
			.run();
	}

	@AfterEach
	void quit() {
		if (this.alice != null) {
			this.alice.quit();
		}
		if (this.bob != null) {
			this.bob.quit();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void theOfficialBrowserClientChatsInEveryPage() throws Exception {
		this.alice = browser("alice");
		open(this.alice, "alice", "");
		assertThat(this.alice.findElement(By.cssSelector("[data-testid=encoding]")).getText()).isEqualTo("bare");
		say(this.alice, "hello from the RivetKit client");
		awaitMessage(this.alice, "alice", "hello from the RivetKit client");

		this.bob = browser("bob");
		open(this.bob, "bob", "&encoding=json");
		awaitMessage(this.bob, "alice", "hello from the RivetKit client");
		wait(this.alice).until((d) -> d.findElement(By.cssSelector("[data-testid=presence]")).getText().equals("alice, bob"));
		say(this.bob, "hi alice, over json");
		awaitMessage(this.alice, "bob", "hi alice, over json");

		HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actors/chatRoom/rk-lobby/actions/sendMessage"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("bob:bob".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"args\":[\"over the native REST API\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
		awaitMessage(this.alice, "bob", "over the native REST API");
		awaitMessage(this.bob, "bob", "over the native REST API");
	}

	/** Opens the page, which sends the browser to the login form first; the demo users' password is their name. */
	private void open(WebDriver driver, String user, String query) {
		driver.get("http://localhost:" + this.port + "/rivetkit.html?room=rk-lobby" + query);
		wait(driver).until((d) -> d.getCurrentUrl().endsWith("/login"));
		driver.findElement(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(user);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		wait(driver).until((d) -> d.getCurrentUrl().contains("/rivetkit.html"));
		wait(driver).until((d) -> d.findElement(By.cssSelector("[data-testid=status]")).getText().equals("connected"));
		assertThat(driver.findElement(By.cssSelector("[data-testid=room-title]")).getText()).isEqualTo("# rk-lobby");
	}

	private static void say(WebDriver driver, String text) {
		driver.findElement(By.cssSelector("[data-testid=text]")).sendKeys(text, Keys.ENTER);
	}

	private static void awaitMessage(WebDriver driver, String sender, String text) {
		wait(driver).until((d) -> d.findElements(By.cssSelector("#messages li"))
			.stream()
			.anyMatch((item) -> item.findElement(By.className("sender")).getText().equals(sender)
					&& item.findElement(By.className("text")).getText().equals(text)));
		assertThat(driver.findElement(By.cssSelector("[data-testid=send-error]")).getText()).isEmpty();
	}

	private static WebDriverWait wait(WebDriver driver) {
		return new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	private static WebDriver browser(String profile) throws Exception {
		Path userData = Files.createDirectories(dataDir.resolve("chromium-" + profile));
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--user-data-dir=" + userData);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}
