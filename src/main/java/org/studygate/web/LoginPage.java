package org.studygate.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff login page: the password form and a button per configured identity provider
 * (decision 056), none when no provider is configured.
 */
@Controller
class LoginPage {

	/** A provider's button: its sign-in address and the name it is shown by. */
	record Provider(String id, String name) {

	}

	private final List<Provider> providers;

	LoginPage(ObjectProvider<ClientRegistrationRepository> registrations) {
		List<Provider> found = new ArrayList<>();
		if (registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object registration : all) {
				if (registration instanceof ClientRegistration client) {
					found.add(new Provider(client.getRegistrationId(), client.getClientName()));
				}
			}
		}
		found.sort(Comparator.comparing(Provider::name));
		this.providers = List.copyOf(found);
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("providers", providers);
		return "login";
	}

}
