package dev.actorspring.sample.chat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
 * Two people sign in (Spring Security's login form) and chat in two headless Chromium windows: a message typed in
 * one appears in the other, live over the WebSocket, under the sender's signed-in name; the server restarts and both
 * pages reconnect by themselves (the sessions survive the restart), with the history intact. Runs with {@code -Pe2e} and needs Debian's {@code chromium} and {@code chromium-driver}; it
 * fails, never skips, when they are missing.
 */
class ChatBrowserTests {

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
		this.app = startApp();
	}

	private ConfigurableApplicationContext startApp() {
		return new SpringApplicationBuilder(ChatApplication.class)
			.properties("server.port=" + this.port, "actor.data-dir=" + dataDir.resolve("data"))
			.run();
	}

	@AfterEach
	void quit() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.alice != null) {
			this.alice.quit();
		}
		if (this.bob != null) {
			this.bob.quit();
		}
	}

	@Test
	void aMessageTypedInOneBrowserAppearsInTheOther() throws Exception {
		this.alice = browser("alice");
		open(this.alice, "alice");
		this.alice.findElement(By.cssSelector("[data-testid=room-name]")).sendKeys("lobby");
		this.alice.findElement(By.cssSelector("[data-testid=create-room]")).click();
		awaitOnline(this.alice, "lobby");

		this.bob = browser("bob");
		open(this.bob, "bob");
		wait(this.bob).until((driver) -> !driver.findElements(By.cssSelector("#rooms li[data-room=lobby]")).isEmpty());
		this.bob.findElement(By.cssSelector("#rooms li[data-room=lobby]")).click();
		awaitOnline(this.bob, "lobby");

		wait(this.alice).until((d) -> d.findElement(By.cssSelector("[data-testid=presence]")).getText()
			.equals("Here: alice, bob"));
		this.bob.findElement(By.cssSelector("[data-testid=text]")).sendKeys("typing a rep");
		wait(this.alice).until((d) -> d.findElement(By.cssSelector("[data-testid=typing]")).getText()
			.equals("bob is typing…"));
		this.bob.findElement(By.cssSelector("[data-testid=text]")).clear();
		this.bob.findElement(By.cssSelector("[data-testid=text]")).sendKeys("x", Keys.BACK_SPACE);
		wait(this.alice).until((d) -> d.findElement(By.cssSelector("[data-testid=typing]")).getText().isEmpty());

		say(this.alice, "hello from alice");
		awaitMessage(this.bob, "alice", "hello from alice");
		say(this.bob, "hi alice");
		awaitMessage(this.alice, "bob", "hi alice");
		awaitMessage(this.alice, "alice", "hello from alice");

		this.app.close();
		wait(this.alice).until((d) -> d.findElement(By.cssSelector("[data-testid=status]")).getText().equals("offline"));
		this.app = startApp();
		awaitOnline(this.alice, "lobby");
		awaitOnline(this.bob, "lobby");
		awaitMessage(this.bob, "alice", "hello from alice");
		say(this.bob, "back after the restart");
		awaitMessage(this.alice, "bob", "back after the restart");
	}

	/** Opens the page, which sends the browser to the login form first; the demo users' password is their name. */
	private void open(WebDriver driver, String user) {
		driver.get("http://localhost:" + this.port + "/");
		wait(driver).until((d) -> d.getCurrentUrl().endsWith("/login"));
		driver.findElement(By.name("username")).sendKeys(user);
		driver.findElement(By.name("password")).sendKeys(user);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		wait(driver).until((d) -> d.findElement(By.cssSelector("[data-testid=user]")).getText().equals(user));
	}

	private static void say(WebDriver driver, String text) {
		driver.findElement(By.cssSelector("[data-testid=text]")).sendKeys(text, Keys.ENTER);
	}

	private static void awaitOnline(WebDriver driver, String room) {
		wait(driver).until((d) -> d.findElement(By.cssSelector("[data-testid=room-title]")).getText().equals("# " + room)
				&& d.findElement(By.cssSelector("[data-testid=status]")).getText().equals("online"));
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
