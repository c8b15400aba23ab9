package io.zdash.account;

/** What the sign-up page posts. The password is never put back into the page. */
public record SignupForm(String email, String password) {

	static SignupForm empty() {
		return new SignupForm("", "");
	}

	@Override
	public String toString() {
		return "SignupForm[email=" + this.email + ", password=******]";
	}

}
