package dev.actorspring.benchmarks.http;

import java.io.IOException;
import java.security.Principal;

import dev.actorspring.sample.analytics.AnalyticsIndex;
import dev.actorspring.sample.analytics.HourlyAnalytics;
import dev.actorspring.sample.chat.room.ChatRoom;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Started by {@code benchmarks/run-http.sh}; not a sample. Besides its own counter, it runs the samples' actors
 * as they ship ({@code ChatRoom} with its messages table, {@code HourlyAnalytics} with its events table), without
 * the samples' security or cluster mode, so that they meet the baselines on the same web stack.
 */
@SpringBootApplication
@Import({ ChatRoom.class, HourlyAnalytics.class, AnalyticsIndex.class })
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

	/**
	 * The chat room posts as the caller's principal: every benchmark request is user {@code bench}, as if a
	 * security filter had authenticated it (a request wrapper, which every request pays, the baselines' too).
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> benchPrincipal() {
		Principal bench = () -> "bench";
		return new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				chain.doFilter(new HttpServletRequestWrapper(request) {

					@Override
					public Principal getUserPrincipal() {
						return bench;
					}

				}, response);
			}

		});
	}

}
