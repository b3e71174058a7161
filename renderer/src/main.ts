const root = document.getElementById('app')
if (root) root.textContent = 'Scrum4Me Notifier'
